package com.lexrule.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.lexrule.problem.DatabaseUnavailable;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * How long the outbox keeps what it has pushed (docs/events.md, "Retention"). The outbox is a transport, not the
 * record: the audit trail keeps every decision for good, and a receiver that lost an event reads the record again or
 * asks an admin to redeliver. So a delivered delivery is deleted after {@code lexrule.events.retention.delivered}, a
 * dead letter (kept for admins to see and send again) after {@code lexrule.events.retention.dead}, and an event once
 * no delivery of it remains. A delivery still being attempted is never deleted, nor an event not yet fanned out.
 * Every replica runs it; the deletes are idempotent, so two at once delete each row once.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);

    static final String DELIVERED = "DELETE FROM event_delivery WHERE status = 'DELIVERED' AND delivered_at < ?1";
    static final String DEAD = "DELETE FROM event_delivery WHERE status = 'DEAD' AND last_attempt_at < ?1";
    static final String EVENTS = "DELETE FROM event_outbox WHERE fanned_out = TRUE AND occurred_at < ?1 "
            + "AND NOT EXISTS (SELECT 1 FROM event_delivery d WHERE d.event_id = event_outbox.id)";

    /** What one run deleted. */
    public record Purged(int delivered, int dead, int events) {
    }

    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration delivered;
    private final Duration dead;

    public EventRetention(Clock clock, MeterRegistry meters,
                          @ConfigProperty(name = "lexrule.events.retention.delivered") Duration delivered,
                          @ConfigProperty(name = "lexrule.events.retention.dead") Duration dead) {
        this.clock = clock;
        this.meters = meters;
        this.delivered = delivered;
        this.dead = dead;
    }

    @Scheduled(every = "${lexrule.events.retention.interval}", delayed = "${lexrule.events.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            purge(clock.instant());
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causes(e)) {
                DatabaseUnavailable.warn("event retention", e);
            } else {
                LOG.warnf(e, "event retention failed; the next run tries again");
            }
        }
    }

    /** Deletes what is older than the retention periods before {@code now}. */
    Purged purge(Instant now) {
        Purged purged = QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = OutboxEvent.getEntityManager();
            int d = em.createNativeQuery(DELIVERED).setParameter(1, utc(now.minus(delivered))).executeUpdate();
            int x = em.createNativeQuery(DEAD).setParameter(1, utc(now.minus(dead))).executeUpdate();
            // an event outlives its deliveries by the shorter period: none of it is deleted while a delivery remains
            int e = em.createNativeQuery(EVENTS).setParameter(1, utc(now.minus(delivered.compareTo(dead) < 0 ? delivered : dead)))
                    .executeUpdate();
            return new Purged(d, x, e);
        });
        meters.counter("lexrule.events.purged", "what", "delivered").increment(purged.delivered());
        meters.counter("lexrule.events.purged", "what", "dead").increment(purged.dead());
        meters.counter("lexrule.events.purged", "what", "events").increment(purged.events());
        if (purged.delivered() + purged.dead() + purged.events() > 0) {
            LOG.infof("event retention deleted %d delivered, %d dead deliveries and %d events", purged.delivered(),
                    purged.dead(), purged.events());
        }
        return purged;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
