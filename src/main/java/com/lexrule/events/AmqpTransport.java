package com.lexrule.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The event as an AMQP 1.0 message to the subscription's address: the same CloudEvent JSON as a webhook's body (a data
 * section, {@code application/cloudevents+json}), with the same signature in its application properties. The broker's
 * acceptance is the delivery.
 *
 * <p>Through the client of Quarkus' AMQP messaging extension, configured by its {@code amqp-*} settings, but not
 * through a static channel: a channel connects when the application starts (its {@code lazy-client} only defers
 * reconnection), so the embedded default would need a broker on a machine that has none; and its per-message address
 * needs an anonymous sender, which RabbitMQ 3's AMQP 1.0 plugin refuses. The connection is opened at the first AMQP
 * delivery instead, with one sender per address, and opened again after it is lost.
 */
@ApplicationScoped
public class AmqpTransport {

    private final Vertx vertx;
    private final AmqpClientOptions options;
    private final Clock clock;
    private final ConcurrentMap<String, Future<AmqpSender>> senders = new ConcurrentHashMap<>();
    private AmqpClient client;
    private Future<AmqpConnection> connection;

    public AmqpTransport(Vertx vertx, Clock clock,
                         @ConfigProperty(name = "amqp-host") String host,
                         @ConfigProperty(name = "amqp-port") int port,
                         @ConfigProperty(name = "amqp-username") String username,
                         @ConfigProperty(name = "amqp-password") String password,
                         @ConfigProperty(name = "lexrule.events.delivery-timeout") Duration timeout) {
        this.vertx = vertx;
        this.clock = clock;
        this.options = new AmqpClientOptions().setHost(host).setPort(port).setUsername(username).setPassword(password)
                .setConnectTimeout((int) timeout.toMillis());
    }

    CompletableFuture<Outcome> send(Attempt attempt) {
        long timestamp = clock.instant().getEpochSecond();
        AmqpMessage message = AmqpMessage.create()
                .id(attempt.eventId())
                .subject(attempt.eventType())
                .contentType(CloudEventBody.MEDIA_TYPE)
                .durable(true)
                .applicationProperties(new JsonObject()
                        .put(Signature.ID, attempt.eventId())
                        .put(Signature.TIMESTAMP, Long.toString(timestamp))
                        .put(Signature.SIGNATURE, Signature.sign(attempt.secret(), attempt.eventId(), timestamp, attempt.body())))
                .withBufferAsBody(Buffer.buffer(attempt.body().getBytes(StandardCharsets.UTF_8)))
                .build();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        sender(attempt.target())
                .compose(sender -> sender.sendWithAck(message))
                .onSuccess(ignored -> outcome.complete(Outcome.delivered(null)))
                .onFailure(failure -> {
                    senders.remove(attempt.target());
                    outcome.complete(Outcome.failed(null, "AMQP " + attempt.target() + ": " + failure.getMessage()));
                });
        return outcome;
    }

    private Future<AmqpSender> sender(String address) {
        return senders.computeIfAbsent(address, a -> connection().compose(c -> c.createSender(a)));
    }

    private synchronized Future<AmqpConnection> connection() {
        if (connection == null || connection.failed() || (connection.succeeded() && connection.result().isDisconnected())) {
            if (client != null) {
                client.close();
            }
            senders.clear();
            client = AmqpClient.create(vertx, options);
            connection = client.connect();
        }
        return connection;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
