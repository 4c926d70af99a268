package com.lexrule.review.special;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.lexrule.policy.PolicyPin;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ConflictProblem;
import com.lexrule.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

@Path("/api/v1/reviews")
@Tag(name = "special-review", description = "专项评查：按指引对已决案件批量重新评估，标出与实际认定不一致的案件")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"auditor", "legal-officer"})
public class SpecialReviewResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String LIMITS = " Limits: the file or JSON body at most 10 MiB (lexrule.review.max-file-bytes), at most "
            + "20,000 cases (lexrule.review.max-rows); beyond either the answer is 413 and nothing is stored (a workbook is read "
            + "as a stream and the read stops at the first row over the limit). A workbook is spooled to a temp file, deleted "
            + "after reading; one with macros (xl/vbaProject.bin, a macro-enabled content type) is refused with 415, one that "
            + "inflates suspiciously or beyond a part's bound (zip bomb), or is another file renamed, with 422.";

    private final SpecialReviewService service;
    private final ReviewForms forms;
    private final PolicyRegistry registry;
    private final ReviewLimits limits;
    private final SecurityIdentity identity;
    private final Clock clock;

    public SpecialReviewResource(SpecialReviewService service, ReviewForms forms, PolicyRegistry registry, ReviewLimits limits,
                                 SecurityIdentity identity, Clock clock) {
        this.service = service;
        this.forms = forms;
        this.registry = registry;
        this.limits = limits;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "submitSpecialReview", summary = "Submit a special review: an .xlsx or .csv upload, or the cases as JSON",
            description = "Either application/json: {\"family\": \"meritorious-service\", \"policyVersion\": 1 (optional), "
                    + "\"cases\": [{...the facts as the assessment endpoint takes them..., \"recognised\": \"MERITORIOUS_SERVICE\"}]} "
                    + "(errors name the case by its position from 1, and the field); or "
                    + "multipart/form-data: part 'file' (the review template filled in, .xlsx; or a UTF-8 .csv, with or "
                    + "without BOM, whose heading row names the columns by field or Chinese heading), part 'family' (the "
                    + "review form: arrest, meritorious-service, bail-deposit or compensation-deposit), optional part "
                    + "'policyVersion' (else the version in force). One row a case: the facts as the assessment endpoint "
                    + "takes them and 'recognised', what the agency actually decided. The file is checked at once; rows "
                    + "with unusable cells are kept and reported by row and cell, the others re-assessed in the "
                    + "background. Answers 202 with the review; poll GET /api/v1/reviews/{id}." + LIMITS)
    @APIResponse(responseCode = "202", description = "Queued: the review with its id, policy, file sha256 and progress",
            content = @Content(schema = @Schema(implementation = ReviewViews.Review.class)))
    @APIResponse(responseCode = "400", description = "No file, or no family")
    @APIResponse(responseCode = "413", description = "File over 10 MiB or more than 20,000 cases")
    @APIResponse(responseCode = "415", description = "Neither .xlsx nor .csv, or a macro-enabled workbook")
    @APIResponse(responseCode = "422", description = "Unknown form or policy version, required columns missing, an unreadable workbook or CSV, no case rows")
    public Response submitFile(@RestForm("file") FileUpload file, @RestForm("family") String family,
                               @RestForm("policyVersion") String policyVersion,
                               @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String header) {
        if (file == null) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "请在 multipart 字段 file 中上传 .xlsx 或 .csv 文件 (upload the cases as part 'file')");
        }
        service.checkSize(file.size()); // before reading a spooled file into memory
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReviewViews.Review review = service.submitFile(family, PolicyPin.parse(policyVersion, header), file.fileName(), content, actor());
        return accepted(review);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitSpecialReviewJson", summary = "Submit a special review as JSON",
            description = "{\"family\": \"meritorious-service\", \"policyVersion\": 1 (optional), \"cases\": [{...the facts as "
                    + "the assessment endpoint takes them..., \"recognised\": \"MERITORIOUS_SERVICE\"}]}. Each case is checked "
                    + "as a template row would be; errors name the case (row = position from 1) and the field." + LIMITS)
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = ReviewViews.Review.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, no family, no cases array")
    @APIResponse(responseCode = "413", description = "Body over 10 MiB or more than 20,000 cases")
    @APIResponse(responseCode = "422", description = "Unknown form or policy version, no cases")
    public Response submitJson(byte[] body,
                               @Parameter(description = "Pin a policy version (else the body's policyVersion, else the version in force)") @QueryParam(PolicyPin.QUERY) String policyVersion,
                               @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String header) {
        return accepted(service.submitJson(body == null ? new byte[0] : body, PolicyPin.parse(policyVersion, header), actor()));
    }

    @GET
    @Operation(operationId = "listSpecialReviews", summary = "Special reviews, newest first")
    @APIResponse(responseCode = "200", description = "The reviews (without row errors)")
    public List<ReviewViews.Review> list(@QueryParam("offset") @DefaultValue("0") int offset,
                                         @QueryParam("limit") @DefaultValue("50") int limit) {
        return service.list(Math.max(0, offset), Math.max(1, Math.min(500, limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSpecialReview", summary = "A review: status, progress (rows done / total), then its summary and every unusable cell",
            description = "Who submitted it and when, the policy version and sha256 it was re-assessed under, the "
                    + "uploaded file's sha256. Once DONE: agreement by recognised × service value, by deciding rule and by "
                    + "crime type. The cases themselves: /cases (paged) or /report.json, /report.xlsx.")
    @APIResponse(responseCode = "200", description = "The review", content = @Content(schema = @Schema(implementation = ReviewViews.Review.class)))
    @APIResponse(responseCode = "404", description = "No such review")
    public ReviewViews.Review get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/cases")
    @Operation(operationId = "listSpecialReviewCases", summary = "The re-assessed cases of a review, in row order, paged; ?outcome=DISAGREE for the disagreements")
    @APIResponse(responseCode = "200", description = "One page", content = @Content(schema = @Schema(implementation = ReviewViews.CasePage.class)))
    @APIResponse(responseCode = "400", description = "Unknown outcome")
    @APIResponse(responseCode = "404", description = "No such review")
    public ReviewViews.CasePage cases(@PathParam("id") String id,
                                      @Parameter(description = "AGREE, DISAGREE, INVALID or FAILED") @QueryParam("outcome") String outcome,
                                      @QueryParam("offset") @DefaultValue("0") int offset,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        SpecialReviewCase.Outcome wanted = null;
        if (outcome != null && !outcome.isBlank()) {
            try {
                wanted = SpecialReviewCase.Outcome.valueOf(outcome.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                        "outcome 须为 AGREE、DISAGREE、INVALID 或 FAILED (unknown outcome " + outcome + ")");
            }
        }
        return service.cases(id, wanted, Math.max(0, offset), Math.max(1, Math.min(1000, limit)));
    }

    @GET
    @Path("/{id}/report.json")
    @Operation(operationId = "getSpecialReviewReport", summary = "The whole report as JSON: the review, its summary and every case with the service's full answer")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(implementation = ReviewViews.Report.class)))
    @APIResponse(responseCode = "404", description = "No such review")
    @APIResponse(responseCode = "409", description = "The review has not finished")
    public ReviewViews.Report reportJson(@PathParam("id") String id) {
        ReviewViews.Review review = finished(id);
        List<ReviewViews.Case> cases = new ArrayList<>();
        service.eachCase(id, cases::add);
        return new ReviewViews.Report(review, cases);
    }

    @GET
    @Path("/{id}/report.xlsx")
    @Produces(XLSX)
    @Operation(operationId = "downloadSpecialReviewWorkbook", summary = "The report as a workbook for WPS or Excel: summary sheet, one row per case, unusable cells")
    @APIResponse(responseCode = "200", description = "The workbook")
    @APIResponse(responseCode = "404", description = "No such review")
    @APIResponse(responseCode = "409", description = "The review has not finished")
    public Response reportXlsx(@PathParam("id") String id) {
        ReviewViews.Review review = finished(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReviewExport.write(review, service.formOf(review), consumer -> service.eachCase(id, consumer), clock.getZone(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toByteArray(), XLSX)
                .header("Content-Disposition", "attachment; filename=\"special-review-" + id + ".xlsx\"").build();
    }

    @GET
    @Path("/{id}/source")
    @Produces({XLSX, "text/csv", MediaType.APPLICATION_JSON})
    @Operation(operationId = "downloadSpecialReviewSource", summary = "The upload exactly as received (its sha256 is the review's source.sha256)")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "No such review")
    public Response source(@PathParam("id") String id) {
        ReviewViews.Review review = service.get(id);
        String type = switch (review.source().format()) {
            case "XLSX" -> XLSX;
            case "CSV" -> "text/csv; charset=UTF-8";
            default -> MediaType.APPLICATION_JSON;
        };
        String name = review.source().name() != null ? review.source().name() : "special-review-" + id + ".json";
        return Response.ok(service.source(id), type)
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    @GET
    @Path("/templates/{form}.xlsx")
    @Produces(XLSX)
    @Operation(operationId = "downloadSpecialReviewTemplate", summary = "The upload template of a review form, with the policy's codes as drop-downs",
            description = "Forms: arrest, meritorious-service, bail-deposit, compensation-deposit. Sheet 案件: Chinese "
                    + "headings (row 1, * = required) and field names (row 2), one case a row from row 3; code columns "
                    + "drop down the catalog of the policy in force (or ?policyVersion=), yes/no columns 是/否; list "
                    + "columns take several codes separated by commas or semicolons. Sheet 说明 lists every column and code.")
    @APIResponse(responseCode = "200", description = "The template")
    @APIResponse(responseCode = "404", description = "No such form")
    @APIResponse(responseCode = "422", description = "The pinned policy version does not exist")
    public Response template(@PathParam("form") String form, @QueryParam(PolicyPin.QUERY) String policyVersion,
                             @HeaderParam(PolicyPin.HEADER) String header) {
        ReviewForm reviewForm = forms.get(form);
        byte[] workbook = ReviewTemplate.build(reviewForm, registry.resolve(reviewForm.family(), PolicyPin.parse(policyVersion, header)),
                limits.maxRows());
        return Response.ok(workbook, XLSX)
                .header("Content-Disposition", "attachment; filename=\"special-review-" + reviewForm.name() + ".xlsx\"").build();
    }

    private ReviewViews.Review finished(String id) {
        ReviewViews.Review review = service.get(id);
        if (!"DONE".equals(review.status())) {
            throw new ConflictProblem("专项评查 " + id + " 尚未完成（" + review.status() + "，" + review.progress().done() + "/"
                    + review.progress().total() + "） (the review has not finished)");
        }
        return review;
    }

    private Response accepted(ReviewViews.Review review) {
        return Response.accepted(review).location(URI.create("/api/v1/reviews/" + review.id())).build();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
