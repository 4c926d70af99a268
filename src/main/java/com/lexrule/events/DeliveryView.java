package com.lexrule.events;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One event for one subscription and how its delivery went")
public record DeliveryView(String id, String eventId, String eventType, String subject, String subscriptionId,
                           EventDelivery.Status status, int attempts, Instant nextAttemptAt,
                           @Schema(nullable = true) Instant lastAttemptAt,
                           @Schema(nullable = true, description = "The receiver's HTTP status") Integer lastStatus,
                           @Schema(nullable = true) String lastError,
                           @Schema(nullable = true) Instant deliveredAt, Instant createdAt) {

    static DeliveryView of(EventDelivery d, OutboxEvent e) {
        return new DeliveryView(d.id, d.eventId, e.type, e.subject, d.subscriptionId, EventDelivery.Status.valueOf(d.status),
                d.attempts, d.nextAttemptAt, d.lastAttemptAt, d.lastStatus, d.lastError, d.deliveredAt, d.createdAt);
    }
}
