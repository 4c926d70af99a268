package com.lexrule.events;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A case system's subscription: the events it takes and where they go")
public record SubscriptionRequest(
        @NotBlank @Size(max = 200) @Schema(description = "Who receives, for the admins", examples = "检察院案管系统 (procuratorate case system)")
        String name,
        @NotNull @Schema(description = "WEBHOOK: an HTTP POST to target; AMQP: a message to target on the broker")
        Transport transport,
        @NotBlank @Size(max = 2000) @Schema(description = "WEBHOOK: an absolute http(s) URL; AMQP: an address (RabbitMQ: a queue name, or /exchange/X/key)",
                examples = "https://cases.example.org/lexrule/events")
        String target,
        @Schema(description = "Families whose events are sent; empty or absent: every family", examples = "[\"arrest\"]")
        List<@NotBlank String> families,
        @NotEmpty @Schema(description = "Event types sent: assessment.recorded, officer-decision.recorded, objection.decided, policy.published",
                examples = "[\"assessment.recorded\", \"officer-decision.recorded\"]")
        List<@NotBlank String> types,
        @Schema(description = "false pauses delivery: events are not queued for it while paused; absent: true")
        Boolean active) {
}
