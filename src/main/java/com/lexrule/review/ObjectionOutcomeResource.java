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

/** The outcome of an objection (异议), recorded once. */
@Path("/api/v1/objections/{objectionId}/outcome")
@Tag(name = "accountability")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ObjectionOutcomeResource {

    private final AccountabilityService service;
    private final SecurityIdentity identity;

    public ObjectionOutcomeResource(AccountabilityService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("legal-officer")
    @Operation(operationId = "recordObjectionOutcome", summary = "Record how an objection was decided",
            description = "Once. May name the re-assessment made on it (an assessment called with ?objectionId=).")
    @APIResponse(responseCode = "201", description = "The outcome", content = @Content(schema = @Schema(implementation = ObjectionOutcome.class)))
    @APIResponse(responseCode = "404", description = "No such objection")
    @APIResponse(responseCode = "409", description = "The objection was already decided")
    public Response decide(@PathParam("objectionId") String objectionId, @Valid @NotNull ObjectionOutcomeRequest request) {
        return Response.status(201).entity(service.decideObjection(objectionId, request, identity.getPrincipal().getName())).build();
    }
}
