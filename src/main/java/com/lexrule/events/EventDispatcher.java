package com.lexrule.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.problem.DatabaseUnavailable;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers the outbox, at least once. Each run, on every replica: (1) fans new outbox rows out into one delivery per
 * matching subscription; (2) claims the deliveries that are due, pushing their next attempt a lease ahead, and commits
 * the claim; (3) sends them, outside any transaction; (4) records each outcome: delivered, retried after the backoff,
 * or dead after the last attempt. Both claims take rows with {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.x),
 * so replicas share the work without waiting on each other; a replica killed mid-send leaves its claim to expire,
 * and another (or itself, restarted) sends again. A receiver may therefore see an event twice: its id is the key.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    static final String CLAIM_NEW_EVENTS = "SELECT id FROM event_outbox WHERE fanned_out = FALSE ORDER BY occurred_at "
            + "FETCH FIRST %d ROWS ONLY FOR UPDATE SKIP LOCKED";
    static final String CLAIM_DUE = "SELECT id FROM event_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?1 "
            + "ORDER BY next_attempt_at FETCH FIRST %d ROWS ONLY FOR UPDATE SKIP LOCKED";

    private final WebhookSender webhooks;
    private final AmqpTransport amqp;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final Duration timeout;
    private final RetrySchedule retries;
    private final String source;

    public EventDispatcher(WebhookSender webhooks, AmqpTransport amqp, ObjectMapper json, MeterRegistry meters, Clock clock,
                           RetrySchedule retries,
                           @ConfigProperty(name = "lexrule.events.dispatcher.enabled") boolean enabled,
                           @ConfigProperty(name = "lexrule.events.batch-size") int batchSize,
                           @ConfigProperty(name = "lexrule.events.delivery-timeout") Duration timeout,
                           @ConfigProperty(name = "lexrule.events.source") String source) {
        this.webhooks = webhooks;
        this.amqp = amqp;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.retries = retries;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.timeout = timeout;
        this.source = source;
    }

    @Scheduled(every = "${lexrule.events.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "${lexrule.events.poll-interval}")
    void run() {
        if (!enabled) {
            return;
        }
        try {
            // A backlog is fanned out, then sent, batch after batch, within one run.
            int fanned;
            do {
                fanned = fanOut();
            } while (fanned == batchSize);
            int sent;
            do {
                sent = deliver();
            } while (sent == batchSize);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                DatabaseUnavailable.warn("event dispatcher", e);
            } else {
                LOG.warnf(e, "event dispatch failed; the next run tries again");
            }
        }
    }

    /** One delivery per subscription the event matches; an event no subscription wants is done with at once. */
    int fanOut() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> ids = OutboxEvent.getEntityManager()
                    .createNativeQuery(CLAIM_NEW_EVENTS.formatted(batchSize)).getResultList();
            if (ids.isEmpty()) {
                return 0;
            }
            List<EventSubscription> subscriptions = EventSubscription.list("active", true);
            Instant now = now();
            for (OutboxEvent event : OutboxEvent.<OutboxEvent>list("id in ?1", ids)) {
                for (EventSubscription subscription : subscriptions) {
                    if (subscription.matches(event)) {
                        EventDelivery delivery = new EventDelivery();
                        delivery.id = UUID.randomUUID().toString();
                        delivery.eventId = event.id;
                        delivery.subscriptionId = subscription.id;
                        delivery.status = EventDelivery.Status.PENDING.name();
                        delivery.attempts = 0;
                        delivery.nextAttemptAt = now;
                        delivery.createdAt = now;
                        delivery.persist();
                    }
                }
                event.fannedOut = true;
            }
            return ids.size();
        });
    }

    /** Claims, sends and records one batch of due deliveries; returns how many were claimed. */
    int deliver() {
        List<Attempt> attempts = claim();
        if (attempts.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Outcome>> sent = new ArrayList<>(attempts.size());
        for (Attempt attempt : attempts) {
            sent.add((attempt.transport() == Transport.AMQP ? amqp.send(attempt) : webhooks.send(attempt))
                    .completeOnTimeout(Outcome.failed(null, "no answer within " + timeout), timeout.toMillis() + 1000,
                            TimeUnit.MILLISECONDS));
        }
        List<Outcome> outcomes = sent.stream().map(CompletableFuture::join).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = now();
            for (int i = 0; i < attempts.size(); i++) {
                record(attempts.get(i), outcomes.get(i), now);
            }
        });
        return attempts.size();
    }

    private List<Attempt> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = now();
            @SuppressWarnings("unchecked")
            List<String> ids = EventDelivery.getEntityManager().createNativeQuery(CLAIM_DUE.formatted(batchSize))
                    .setParameter(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            List<EventDelivery> deliveries = EventDelivery.list("id in ?1", ids);
            Map<String, OutboxEvent> events = OutboxEvent.<OutboxEvent>list("id in ?1",
                    deliveries.stream().map(d -> d.eventId).distinct().toList()).stream()
                    .collect(Collectors.toMap(e -> e.id, Function.identity()));
            Map<String, EventSubscription> subscriptions = EventSubscription.<EventSubscription>list("id in ?1",
                    deliveries.stream().map(d -> d.subscriptionId).distinct().toList()).stream()
                    .collect(Collectors.toMap(s -> s.id, Function.identity()));
            // The lease: no other run takes these while they are being sent; a crash leaves them due once it ends.
            Instant leaseEnds = now.plus(timeout.multipliedBy(3));
            List<Attempt> claimed = new ArrayList<>(deliveries.size());
            for (EventDelivery delivery : deliveries) {
                delivery.nextAttemptAt = leaseEnds;
                OutboxEvent event = events.get(delivery.eventId);
                EventSubscription subscription = subscriptions.get(delivery.subscriptionId);
                claimed.add(new Attempt(delivery.id, delivery.attempts + 1, event.id, event.type,
                        Transport.valueOf(subscription.transport), subscription.target, subscription.secret,
                        CloudEventBody.of(event, source, json)));
            }
            return claimed;
        });
    }

    private void record(Attempt attempt, Outcome outcome, Instant now) {
        EventDelivery delivery = EventDelivery.findById(attempt.deliveryId());
        if (delivery == null) {
            return; // its subscription was deleted while it was sent
        }
        delivery.attempts = attempt.attempt();
        delivery.lastAttemptAt = now;
        delivery.lastStatus = outcome.status();
        delivery.lastError = outcome.error();
        if (outcome.delivered()) {
            delivery.status = EventDelivery.Status.DELIVERED.name();
            delivery.deliveredAt = now;
            meters.counter("lexrule.events.delivered", "type", attempt.eventType(), "transport", attempt.transport().name()).increment();
        } else if (retries.exhausted(delivery.attempts)) {
            delivery.status = EventDelivery.Status.DEAD.name();
            meters.counter("lexrule.events.dead", "type", attempt.eventType(), "transport", attempt.transport().name()).increment();
            LOG.warnf("event %s to subscription %s is dead after %d attempts: %s", attempt.eventId(), delivery.subscriptionId,
                    delivery.attempts, outcome.error());
        } else {
            delivery.nextAttemptAt = now.plus(retries.delayAfter(delivery.attempts));
            meters.counter("lexrule.events.retried", "type", attempt.eventType(), "transport", attempt.transport().name()).increment();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
