package com.lexrule.audit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The group-committing writers of the decision chains, one per chain partition ({@code lexrule.audit.chains}, chosen
 * by case id). Each writer holds its chain's head, links the decisions that arrived while its previous batch was
 * committing, and writes them with one JDBC batch and one head update: one commit for many decisions, where one
 * commit per decision capped the service below 2,000 decisions/s (FACTS). A caller returns only once its batch is
 * committed, so an answered decision is a stored one. Several replicas on one database never fork a chain: each head
 * update names the head it extends, and a writer that finds the head moved reads it again and re-links its batch.
 * Each decision's event goes into the event outbox in the same batch, so it is committed exactly when the decision is.
 */
@ApplicationScoped
public class ChainWriters {

    static final int MAX_CHAINS = 64;
    /** How long a shutdown waits for the writers to commit what they hold. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final AuditKeys keys;
    private final EventOutbox outbox;
    /** The agencies' zone, whose days the agreement rollup counts by. */
    private final java.time.ZoneId zone;
    private final int chains;
    private final int maxSize;
    private final long maxWaitNanos;
    private final ChainWriter[] writers;
    private volatile boolean stopped;

    final DistributionSummary batchSize;
    final Timer committed;
    final Timer failed;
    final Counter headConflicts;

    @Inject
    public ChainWriters(DataSource dataSource, AuditKeys keys, EventOutbox outbox, MeterRegistry meters, java.time.Clock clock,
                        @ConfigProperty(name = "lexrule.audit.chains", defaultValue = "16") int chains,
                        @ConfigProperty(name = "lexrule.audit.batch.max-size", defaultValue = "256") int maxSize,
                        @ConfigProperty(name = "lexrule.audit.batch.max-wait", defaultValue = "2ms") Duration maxWait) {
        this(dataSource, keys, outbox, meters, clock.getZone(), chains, maxSize, maxWait);
    }

    public ChainWriters(DataSource dataSource, AuditKeys keys, EventOutbox outbox, MeterRegistry meters, java.time.ZoneId zone, int chains,
                        int maxSize, Duration maxWait) {
        if (chains < 1 || chains > MAX_CHAINS) {
            throw new IllegalArgumentException("lexrule.audit.chains must be between 1 and " + MAX_CHAINS);
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("lexrule.audit.batch.max-size must be at least 1");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("lexrule.audit.batch.max-wait must not be negative");
        }
        this.dataSource = dataSource;
        this.keys = keys;
        this.outbox = outbox;
        this.zone = zone;
        this.chains = chains;
        this.maxSize = maxSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.writers = new ChainWriter[chains];
        this.batchSize = DistributionSummary.builder("lexrule.audit.batch.size")
                .description("Decisions written by one audit batch (one commit)")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue((double) Math.max(2, maxSize))
                .register(meters);
        this.committed = commitTimer(meters, "committed");
        this.failed = commitTimer(meters, "failed");
        this.headConflicts = Counter.builder("lexrule.audit.batch.head-conflicts")
                .description("Audit batches re-linked because another writer (a replica) had moved the chain head")
                .register(meters);
    }

    private static Timer commitTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("lexrule.audit.batch.commit")
                .description("Time to write and commit one audit batch, from taking a connection to the commit")
                .tag("outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    /** The chain partition of a case: all decisions of one case stay in one chain, in order. */
    public int partitionOf(String caseId) {
        return Math.floorMod(caseId.hashCode(), chains);
    }

    /**
     * Links the record into its chain and writes it; returns once the batch holding it is committed.
     *
     * @throws com.lexrule.problem.ServiceUnavailableProblem when the batch could not be written (nothing of it was)
     */
    void append(DecisionRecord record, EventOutbox.Event event) {
        if (stopped) {
            throw ChainWriter.unavailable(new IllegalStateException("the service is stopping"));
        }
        writer(record.chainPartition).append(record, event);
    }

    int maxSize() {
        return maxSize;
    }

    long maxWaitNanos() {
        return maxWaitNanos;
    }

    DataSource dataSource() {
        return dataSource;
    }

    AuditKeys keys() {
        return keys;
    }

    EventOutbox outbox() {
        return outbox;
    }

    java.time.ZoneId zone() {
        return zone;
    }

    boolean stopped() {
        return stopped;
    }

    private ChainWriter writer(int partition) {
        ChainWriter writer = writers[partition];
        if (writer != null) {
            return writer;
        }
        synchronized (writers) {
            if (writers[partition] == null) {
                writers[partition] = new ChainWriter(this, partition);
            }
            return writers[partition];
        }
    }

    /** After the HTTP server stopped taking requests: commit what the writers hold, then refuse. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    void stop() {
        stopped = true;
        long until = System.nanoTime() + DRAIN.toNanos();
        synchronized (writers) {
            for (ChainWriter writer : writers) {
                if (writer != null) writer.stop(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
    }
}
