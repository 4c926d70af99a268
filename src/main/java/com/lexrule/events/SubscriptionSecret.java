package com.lexrule.events;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A subscription with its signing secret, shown this once (at creation or rotation); the service "
        + "never shows it again")
public record SubscriptionSecret(SubscriptionView subscription,
                                 @Schema(description = "Standard Webhooks secret: whsec_ and 32 bytes in Base64") String secret) {
}
