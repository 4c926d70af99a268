package com.lexrule.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
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

/**
 * Objections (异议) to an assessment. A re-assessment with corrected facts is an ordinary assessment call carrying
 * {@code ?objectionId=}; it is then linked to the objection, whose outcome is recorded here once.
 */
@Path("/api/v1/decisions/{decisionId}/objections")
@Tag(name = "accountability")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionResource {

    private final AccountabilityService service;
    private final SecurityIdentity identity;

    public ObjectionResource(AccountabilityService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"legal-officer", "case-system"})
    @Operation(operationId = "recordObjection", summary = "Record an objection to an assessment", description = "Who objected and on what grounds.")
    @APIResponse(responseCode = "201", description = "The objection, with its id for the re-assessment", content = @Content(schema = @Schema(implementation = Objection.class)))
    @APIResponse(responseCode = "404", description = "No such decision")
    public Response object(@PathParam("decisionId") String decisionId, @Valid @NotNull ObjectionRequest request) {
        return Response.status(201).entity(service.recordObjection(decisionId, request, identity.getPrincipal().getName())).build();
    }
}
