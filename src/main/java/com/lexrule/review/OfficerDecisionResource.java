package com.lexrule.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


import io.quarkus.security.identity.SecurityIdentity;

/** The officer's final decision on an assessment, the measure of agreement with the recommendation. */
@Path("/api/v1/decisions/{decisionId}/officer-decision")
@Tag(name = "accountability", description = "承办人员最终决定与异议")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OfficerDecisionResource {

    private final AccountabilityService service;
    private final SecurityIdentity identity;

    public OfficerDecisionResource(AccountabilityService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @PUT
    @RolesAllowed("legal-officer")
    @Operation(operationId = "recordOfficerDecision", summary = "Record the officer's final decision",
            description = "Recorded once. Sending a different decision later records a correction linked to the "
                    + "previous entry; nothing is overwritten. A reason is required when the decision departs from "
                    + "the recommendation.")
    @APIResponse(responseCode = "201", description = "Recorded (first decision or a correction)", content = @Content(schema = @Schema(implementation = OfficerDecision.class)))
    @APIResponse(responseCode = "200", description = "The same decision was already recorded", content = @Content(schema = @Schema(implementation = OfficerDecision.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, or no reason for a departure")
    @APIResponse(responseCode = "404", description = "No such decision")
    public Response record(@PathParam("decisionId") String decisionId, @Valid @NotNull OfficerDecisionRequest request) {
        AccountabilityService.Recorded recorded = service.recordOfficerDecision(decisionId, request,
                identity.getPrincipal().getName());
        return Response.status(recorded.created() ? 201 : 200).entity(recorded.entry()).build();
    }
}
