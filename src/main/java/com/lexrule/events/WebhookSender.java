package com.lexrule.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** An HTTP POST of the event, signed; any 2xx answer is a delivery, anything else a failed attempt. */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(@ConfigProperty(name = "lexrule.events.delivery-timeout") Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    CompletableFuture<Outcome> send(Attempt attempt) {
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(attempt.target())).timeout(timeout)
                    .header("Content-Type", CloudEventBody.MEDIA_TYPE + "; charset=utf-8")
                    .header(Signature.ID, attempt.eventId())
                    .header(Signature.TIMESTAMP, Long.toString(timestamp))
                    .header(Signature.SIGNATURE, Signature.sign(attempt.secret(), attempt.eventId(), timestamp, attempt.body()))
                    .header("Idempotency-Key", attempt.eventId())
                    .header("User-Agent", "lexrule-events")
                    .POST(HttpRequest.BodyPublishers.ofString(attempt.body(), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Outcome.failed(null, "invalid target: " + e.getMessage()));
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        return Outcome.failed(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    }
                    int status = response.statusCode();
                    return status >= 200 && status < 300 ? Outcome.delivered(status) : Outcome.failed(status, "HTTP " + status);
                });
    }
}
