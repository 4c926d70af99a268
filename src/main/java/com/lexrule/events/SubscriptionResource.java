package com.lexrule.events;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import io.quarkus.security.identity.SecurityIdentity;

/** Case systems' subscriptions to events (docs/events.md), managed by admins. */
@Path("/api/v1/event-subscriptions")
@Tag(name = "events", description = "结果推送：订阅、投递记录与重新投递（随案推送）")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class SubscriptionResource {

    private final SubscriptionService service;
    private final SecurityIdentity identity;

    public SubscriptionResource(SubscriptionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createEventSubscription", summary = "Subscribe a case system to events",
            description = "Events recorded from now on that match the families and types are delivered. The answer holds "
                    + "the signing secret, shown this once.")
    @APIResponse(responseCode = "201", description = "The subscription and its secret",
            content = @Content(schema = @Schema(implementation = SubscriptionSecret.class)))
    public Response create(@Valid @NotNull SubscriptionRequest request) {
        return Response.status(201).entity(service.create(request, identity.getPrincipal().getName())).build();
    }

    @GET
    @Operation(operationId = "listEventSubscriptions", summary = "Every subscription, without secrets")
    @APIResponse(responseCode = "200", description = "The subscriptions, oldest first",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<SubscriptionView> list() {
        return service.list();
    }

    @GET
    @Path("/{subscriptionId}")
    @Operation(operationId = "getEventSubscription", summary = "One subscription, without its secret")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView get(@PathParam("subscriptionId") String subscriptionId) {
        return service.get(subscriptionId);
    }

    @PUT
    @Path("/{subscriptionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateEventSubscription", summary = "Change a subscription's filters, target or state",
            description = "The secret is kept; deliveries already queued go to the new target.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView update(@PathParam("subscriptionId") String subscriptionId, @Valid @NotNull SubscriptionRequest request) {
        return service.update(subscriptionId, request);
    }

    @DELETE
    @Path("/{subscriptionId}")
    @Operation(operationId = "deleteEventSubscription", summary = "Delete a subscription and its deliveries")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public void delete(@PathParam("subscriptionId") String subscriptionId) {
        service.delete(subscriptionId);
    }

    @POST
    @Path("/{subscriptionId}/secret")
    @Operation(operationId = "rotateEventSubscriptionSecret", summary = "Replace a subscription's signing secret",
            description = "From now on every delivery is signed with the new secret, shown this once; the old one signs nothing.")
    @APIResponse(responseCode = "200", description = "The subscription and its new secret",
            content = @Content(schema = @Schema(implementation = SubscriptionSecret.class)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionSecret rotate(@PathParam("subscriptionId") String subscriptionId) {
        return service.rotate(subscriptionId);
    }

    @GET
    @Path("/{subscriptionId}/deliveries")
    @Operation(operationId = "listEventDeliveries", summary = "A subscription's deliveries, newest first",
            description = "status=DEAD lists the dead letters: deliveries that failed every attempt, which an admin may send again.")
    @APIResponse(responseCode = "200", description = "The deliveries",
            content = @Content(schema = @Schema(implementation = DeliveryView.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such subscription")
    public List<DeliveryView> deliveries(@PathParam("subscriptionId") String subscriptionId,
                                         @Parameter(description = "Only deliveries in this state") @QueryParam("status") EventDelivery.Status status,
                                         @Parameter(description = "At most this many") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return service.deliveries(subscriptionId, status, limit);
    }
}
