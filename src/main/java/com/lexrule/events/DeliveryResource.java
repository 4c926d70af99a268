package com.lexrule.events;

import jakarta.annotation.security.RolesAllowed;
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

/** A dead letter sent again, by an admin. */
@Path("/api/v1/event-deliveries/{deliveryId}/redelivery")
@Tag(name = "events", description = "结果推送：订阅、投递记录与重新投递（随案推送）")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final SubscriptionService service;

    public DeliveryResource(SubscriptionService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed("admin")
    @Operation(operationId = "redeliverEvent", summary = "Send a dead (or delivered) event again",
            description = "The delivery is queued again from its first attempt, with the same event id: a receiver that "
                    + "already had it recognises it by that id.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "The delivery is still being attempted")
    public Response redeliver(@PathParam("deliveryId") String deliveryId) {
        return Response.accepted(service.redeliver(deliveryId)).build();
    }
}
