package com.lexrule.insight;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/demo-data")
@Tag(name = "insight", description = "政策洞察：反事实分析、规则覆盖与校准")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DemoDataResource {

    private final DemoData demo;

    public DemoDataResource(DemoData demo) {
        this.demo = demo;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(operationId = "fillDemoData", summary = "Fill the embedded database with generated demo cases and officers' decisions",
            description = "Embedded profile only (lexrule.demo-data.enabled), refused in prod. Generated arrest, "
                    + "meritorious-service and bail cases are assessed through the assessment pipeline and audited like any "
                    + "other, each with a generated officer's final decision; every record is marked as demo data (caller and "
                    + "recorder demo-data, case ids DEMO-…, officers DEMO-P-…).")
    @APIResponse(responseCode = "200", description = "What was generated",
            content = @Content(schema = @Schema(implementation = DemoData.Filled.class)))
    @APIResponse(responseCode = "403", description = "Not enabled here (not the embedded profile, or prod)")
    public DemoData.Filled fill(@Parameter(description = "How many cases") @QueryParam("cases") @DefaultValue("3000")
                                @Min(1) @Max(20000) int cases) {
        return demo.fill(cases);
    }
}
