package com.lexrule.insight;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import com.lexrule.policy.PolicyRegistry;

import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/policies/{family}/versions/{version}")
@Tag(name = "insight", description = "政策洞察：反事实分析、规则覆盖与校准")
@Blocking
public class CoverageResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final CoverageService coverage;
    private final PolicyRegistry registry;

    public CoverageResource(CoverageService coverage, PolicyRegistry registry) {
        this.coverage = coverage;
        this.registry = registry;
    }

    @GET
    @Path("coverage")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"auditor", "legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "getPolicyCoverage", summary = "How often each rule and table row of a version fired and decided",
            description = "For every rule and decision-table row of the version: the audited decisions of the period it fired "
                    + "in, and those it decided (the deciding rule as special review defines it), with the rows that never "
                    + "fired placed by file, sheet and cell. Read from the coverage rollup the audit batch writes; nothing "
                    + "is evaluated again.")
    @APIResponse(responseCode = "200", description = "The coverage",
            content = @Content(schema = @Schema(implementation = CoverageService.Coverage.class)))
    @APIResponse(responseCode = "400", description = "A date that is not a date, or to before from")
    @APIResponse(responseCode = "404", description = "No such policy version")
    public CoverageService.Coverage get(@PathParam("family") String family, @PathParam("version") int version,
            @Parameter(description = "First day (in lexrule.zone), inclusive; default the version's effective date") @QueryParam("from") LocalDate from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") LocalDate to) {
        return coverage.of(family, version, from, to);
    }

    @GET
    @Path("coverage.xlsx")
    @Produces(XLSX)
    @RolesAllowed({"auditor", "legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "exportPolicyCoverage", summary = "The coverage as a workbook in the tables' own layout",
            description = "A summary sheet of every rule and row, then each decision table's sheets as published, with the "
                    + "fired and decided counts in two columns beside each row.")
    @APIResponse(responseCode = "200", description = "The workbook", content = @Content(mediaType = XLSX))
    @APIResponse(responseCode = "404", description = "No such policy version")
    public Response export(@PathParam("family") String family, @PathParam("version") int version,
            @Parameter(description = "First day, inclusive") @QueryParam("from") LocalDate from,
            @Parameter(description = "Last day, inclusive") @QueryParam("to") LocalDate to) {
        CoverageService.Coverage report = coverage.of(family, version, from, to);
        byte[] workbook = CoverageWorkbook.write(registry.bundle(family, version), report);
        return Response.ok(workbook, XLSX).header("Content-Disposition",
                "attachment; filename=\"coverage-" + family + "-v" + version + ".xlsx\"").build();
    }
}
