package com.lexrule.casefile;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.problem.NotFoundProblem;

@Path("/api/v1/cases/{caseId}")
@Tag(name = "casefile", description = "案件全流程记录（随案推送、全程留痕）")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class CaseTimelineResource {

    private final CaseTimeline timeline;
    private final TimelineReport report;

    public CaseTimelineResource(CaseTimeline timeline, TimelineReport report) {
        this.timeline = timeline;
        this.report = report;
    }

    @GET
    @Path("/timeline")
    @Operation(operationId = "getCaseTimeline", summary = "Everything recorded about a case, in time order",
            description = "Every assessment of every family at every stage with its policy version and hash and what "
                    + "changed since the family's previous assessment of the case (facts, findings, outcome); the officers' "
                    + "decisions and corrections; objections, their outcomes and the re-assessments they caused; the arrest "
                    + "decisions bail assessments used. Other cases of the same subject are listed as related, not merged.")
    @APIResponse(responseCode = "200", description = "The case's timeline",
            content = @Content(schema = @Schema(implementation = CaseTimeline.Timeline.class)))
    @APIResponse(responseCode = "404", description = "Nothing is recorded about this case")
    public CaseTimeline.Timeline get(@PathParam("caseId") @Size(max = 128) String caseId) {
        CaseTimeline.Timeline found = timeline.of(caseId);
        if (found == null) throw new NotFoundProblem("案件 " + caseId + " 没有评估记录 (nothing is recorded about this case)");
        return found;
    }

    @GET
    @Path("/timeline.pdf")
    @Produces("application/pdf")
    @Operation(operationId = "getCaseTimelineReport", summary = "A case's timeline as a PDF",
            description = "The entries of getCaseTimeline in time order on A4 pages in Chinese, each with what changed since the "
                    + "family's previous assessment; the other cases of the same subject listed as related at the end.")
    @APIResponse(responseCode = "200", description = "The timeline",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "Nothing is recorded about this case")
    @APIResponse(responseCode = "503", description = "The report font is not installed (lexrule.report.font-file); nothing was printed")
    public Response pdf(@PathParam("caseId") @Size(max = 128) String caseId) {
        byte[] pdf = report.pdf(caseId).orElseThrow(() -> new NotFoundProblem("案件 " + caseId + " 没有评估记录 (nothing is recorded about this case)"));
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "inline; filename=\"case-timeline.pdf\"").build();
    }
}
