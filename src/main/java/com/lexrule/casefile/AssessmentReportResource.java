package com.lexrule.casefile;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.problem.NotFoundProblem;

/** The printed assessment report (评估报告) of one audited decision, for the case file. */
@Path("/api/v1/decisions/{id}/report.pdf")
@Tag(name = "casefile", description = "案件全流程记录（随案推送、全程留痕）")
@RolesAllowed("auditor")
public class AssessmentReportResource {

    private final AssessmentReport report;

    public AssessmentReportResource(AssessmentReport report) {
        this.report = report;
    }

    @GET
    @Produces("application/pdf")
    @Operation(operationId = "getAssessmentReport", summary = "The assessment report (评估报告) of a decision, as a PDF",
            description = "One or two A4 pages in Chinese, as filed in the case file: case and subject, stage and date, the "
                    + "facts as received, the outcome, every finding with its reason, legal basis and points, the officer's "
                    + "decision where recorded, the policy (family, version, effective date, SHA-256), and the decision id "
                    + "with its verification code (the record's chain hash) and a QR code of the URL of verifyDecisionCode. "
                    + "Read from the audit trail as recorded; the CJK font is embedded as a subset.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such decision")
    @APIResponse(responseCode = "503", description = "The report font is not installed (lexrule.report.font-file); nothing was printed")
    public Response get(@PathParam("id") @Size(max = 128) String id) {
        byte[] pdf = report.pdf(id).orElseThrow(() -> new NotFoundProblem("决定 " + id + " 不存在 (no such decision)"));
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"assessment-report-" + id + ".pdf\"").build();
    }
}
