package com.lexrule.events;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A subscription as stored, without its secret")
public record SubscriptionView(String id, String name, Transport transport, String target, List<String> families,
                               List<String> types, boolean active, String createdBy, Instant createdAt,
                               @Schema(nullable = true) Instant secretRotatedAt) {

    static SubscriptionView of(EventSubscription s) {
        return new SubscriptionView(s.id, s.name, Transport.valueOf(s.transport), s.target, s.familyList(), s.typeList(),
                s.active, s.createdBy, s.createdAt, s.secretRotatedAt);
    }
}
