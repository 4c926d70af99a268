package com.lexrule.review;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


@Path("/api/v1/statistics/agreement")
@Tag(name = "statistics", description = "系统建议与承办人员决定的一致率")
@Produces(MediaType.APPLICATION_JSON)
public class AgreementResource {

    private final AgreementStatistics statistics;

    public AgreementResource(AgreementStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    @RolesAllowed({"auditor", "legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "getAgreementStatistics", summary = "Agreement between recommendations and officers' decisions",
            description = "Rates by policy version, crime type and color over live decisions of one family whose "
                    + "officer decision is recorded (dates in Asia/Shanghai, inclusive; default: the last year), and "
                    + "the reasons most given for departing from the recommendation.")
    @APIResponse(responseCode = "200", description = "The statistics")
    @APIResponse(responseCode = "400", description = "Missing family or an invalid range")
    public AgreementStatistics.Agreement agreement(@QueryParam("family") String family, @QueryParam("from") LocalDate from,
                                                   @QueryParam("to") LocalDate to) {
        return statistics.of(family, from, to);
    }
}
