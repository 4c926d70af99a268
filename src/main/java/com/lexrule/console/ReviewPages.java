package com.lexrule.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.lexrule.problem.ProblemException;
import com.lexrule.review.special.ReviewForms;
import com.lexrule.review.special.ReviewViews;
import com.lexrule.review.special.SpecialReviewResource;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;

/**
 * 专项评查: the review templates to download, an upload re-assessed in the background with its progress shown live
 * (the page's script polls the progress), the summary (disagreements by deciding rule and by crime type) and the
 * report workbook. Every step is the special review API's own: same checks, same limits, same roles.
 */
@Path("/console/reviews")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"auditor", "legal-officer"})
public class ReviewPages {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Pages pages;
    private final SpecialReviewResource reviews;
    private final ReviewForms forms;

    public ReviewPages(Pages pages, SpecialReviewResource reviews, ReviewForms forms) {
        this.pages = pages;
        this.reviews = reviews;
        this.forms = forms;
    }

    @TemplateData
    public record Listed(ReviewViews.Review r, String submittedAt) {
    }

    /** The progress as the page's script polls it. */
    public record Progress(String status, int done, int total, java.math.BigDecimal percent) {
    }

    @GET
    public TemplateInstance list() {
        return listPage(List.of());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response submit(@RestForm("csrf") String csrf, @RestForm("file") FileUpload file, @RestForm("form") String form,
                           @RestForm("policyVersion") String policyVersion) {
        pages.verify(csrf);
        if (file == null || file.size() == 0) {
            return Response.status(400).entity(listPage(List.of("file：请选择填好的评查模板（.xlsx）或 CSV 文件"))).build();
        }
        try {
            Object entity = reviews.submitFile(file, form, policyVersion == null || policyVersion.isBlank() ? null : policyVersion.strip(), null)
                    .getEntity();
            ReviewViews.Review review = (ReviewViews.Review) entity;
            return Response.seeOther(URI.create("/console/reviews/" + review.id())).build();
        } catch (ProblemException e) {
            List<String> errors = new ArrayList<>();
            errors.add(e.title() + "：" + e.getMessage());
            e.errors().stream().limit(20).forEach(x -> errors.add(OfficerProblems.text(x)));
            return Response.status(e.status()).entity(listPage(errors)).build();
        }
    }

    @GET
    @Path("/{id}")
    public TemplateInstance review(@PathParam("id") String id) {
        ReviewViews.Review review = reviews.get(id);
        boolean running = "QUEUED".equals(review.status()) || "RUNNING".equals(review.status());
        return pages.page("review.html", "reviews", "专项评查 " + review.title()).data("r", review).data("running", running)
                .data("submittedAt", Times.format(review.submittedAt())).data("finishedAt", Times.format(review.finishedAt()))
                .data("rowErrors", review.rowErrors() == null ? List.of() : review.rowErrors().stream().limit(200).toList());
    }

    @GET
    @Path("/{id}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    public Progress progress(@PathParam("id") String id) {
        ReviewViews.Review review = reviews.get(id);
        return new Progress(review.status(), review.progress().done(), review.progress().total(), review.progress().percent());
    }

    @GET
    @Path("/{id}/report.xlsx")
    @Produces(XLSX)
    public Response report(@PathParam("id") String id) {
        return reviews.reportXlsx(id);
    }

    @GET
    @Path("/templates/{form}.xlsx")
    @Produces(XLSX)
    public Response template(@PathParam("form") String form) {
        return reviews.template(form, null, null);
    }

    private TemplateInstance listPage(List<String> errors) {
        List<Listed> listed = reviews.list(0, 50).stream().map(r -> new Listed(r, Times.format(r.submittedAt()))).toList();
        return pages.page("reviews.html", "reviews", "专项评查").data("forms", forms.names().stream().map(forms::get).toList()).data("reviews", listed).data("errors", errors);
    }
}
