package com.lexrule.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import com.lexrule.problem.DatabaseUnavailable;
import com.lexrule.problem.ServiceUnavailableProblem;

/**
 * The writer of one decision chain: a thread of its own that takes the decisions queued for the chain, links them
 * after the head it holds, and commits them as one batch with one head update. The head update names the head it
 * extends (sequence number and hash), so a second writer on the same chain (another replica) cannot fork it: the
 * loser's update matches no row, and it reads the head again and re-links its batch. Any failure rolls the whole
 * batch back, fails each of its callers, and drops the head held, so the next batch starts from the database's.
 */
final class ChainWriter {

    private static final Logger LOG = Logger.getLogger(ChainWriter.class);
    /** Head updates lost to another writer before a batch gives up (each loss means the other one committed). */
    static final int MAX_HEAD_CONFLICTS = 10;
    private static final long IDLE_POLL_MILLIS = 200;
    /** A refused batch may be retried at once: its callers are told to wait a second. */
    private static final int RETRY_AFTER_SECONDS = 1;

    static final String INSERT = "INSERT INTO decision_record (id, family, case_id, subject_id, stage, policy_version, "
            + "policy_sha256, outcome, request_json, response_json, caller, created_at, recommendation, color, crime_type, "
            + "objection_id, chain_partition, chain_seq, prev_hash, record_hash, mac) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String READ_HEAD = "SELECT last_seq, last_hash, last_mac FROM audit_chain WHERE name = ?";
    static final String ADVANCE_HEAD = "UPDATE audit_chain SET last_seq = ?, last_hash = ?, last_mac = ? "
            + "WHERE name = ? AND last_seq = ? AND last_hash = ?";

    /** A decision waiting for its batch, and the caller waiting for the decision. */
    private record Pending(DecisionRecord record, EventOutbox.Event event, CompletableFuture<Void> written, long queuedAt) {
    }

    private final ChainWriters owner;
    private final String chain;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    /** The head as this writer last committed or read it; null when it must be read again. Writer thread only. */
    private AuditChainHead head;

    ChainWriter(ChainWriters owner, int partition) {
        this.owner = owner;
        this.chain = AuditChains.decisionChain(partition);
        this.thread = new Thread(this::run, "audit-writer-" + chain);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the record and waits until its batch is committed, or fails with a 503 problem. */
    void append(DecisionRecord record, EventOutbox.Event event) {
        Pending pending = new Pending(record, event, new CompletableFuture<>(), System.nanoTime());
        if (stopping) {
            throw unavailable(null);
        }
        queue.add(pending);
        if (stopping && !thread.isAlive() && queue.remove(pending)) {
            throw unavailable(null); // stopped between the check and the queue: nobody would write it
        }
        try {
            pending.written().get();
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (InterruptedException e) {
            // The batch may still commit; the caller is not told it did, which the promise allows.
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    static ServiceUnavailableProblem unavailable(Throwable cause) {
        return new ServiceUnavailableProblem("决定未能记入审计，因此未予答复，请重试 (the decision could not be recorded in the "
                + "audit trail, so it was not answered; nothing of it is stored; retry)", RETRY_AFTER_SECONDS, cause);
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(Math.min(owner.maxSize(), 1024));
        while (true) {
            try {
                Pending first;
                try {
                    first = stopping ? queue.poll() : queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    continue; // never interrupted on purpose (an interrupt can close H2's file): look again
                }
                if (first == null) {
                    if (stopping) return;
                    continue;
                }
                batch.add(first);
                collect(batch, first.queuedAt());
                write(batch);
            } catch (Throwable e) {
                // write() completes every caller; this is a last guard so that the thread never dies
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Takes what queued while the previous batch committed, then waits for more until the first decision has waited
     * {@code max-wait} or the batch is full: under load batches fill without waiting; a lone decision waits at most that.
     */
    private void collect(List<Pending> batch, long since) {
        int max = owner.maxSize();
        queue.drainTo(batch, max - batch.size());
        long deadline = since + owner.maxWaitNanos();
        while (batch.size() < max && !stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            Pending next;
            try {
                next = queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // write what was collected
            }
            if (next == null) return;
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        long started = System.nanoTime();
        try (Connection connection = owner.dataSource().getConnection()) {
            try {
                connection.setAutoCommit(false);
                commit(connection, batch);
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (Throwable e) {
            head = null;
            owner.failed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            fail(batch, e);
            return;
        }
        owner.committed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        owner.batchSize.record(batch.size());
        for (Pending pending : batch) {
            pending.written().complete(null);
        }
    }

    /** Links the batch after the head and commits it with the head update that claims those positions. */
    private void commit(Connection connection, List<Pending> batch) throws SQLException {
        for (int conflicts = 0; ; ) {
            if (head == null) {
                head = readHead(connection);
            }
            AuditChainHead next = copyOf(head);
            for (Pending pending : batch) {
                AuditChains.link(next, pending.record(), owner.keys());
            }
            // The update comes first: it takes the head row's lock, so a writer on another replica waits here and
            // then finds the head moved, before either of them has inserted a record.
            if (advance(connection, head, next)) {
                try {
                    insert(connection, batch);
                    // In the batch's own transaction, not one more: the events commit exactly when their records do.
                    owner.outbox().append(connection, batch.stream().map(Pending::event).toList());
                    List<DecisionRecord> records = batch.stream().map(Pending::record).toList();
                    AssessmentRollup.count(connection, records, owner.zone());
                    CoverageRollup.count(connection, records, owner.zone());
                    connection.commit();
                    head = next;
                    return;
                } catch (SQLException e) {
                    // A database that let a stale head update through still refuses a second record at a position
                    // (unique chain_partition, chain_seq): the same conflict, met one statement later.
                    if (!positionTaken(e)) throw e;
                }
            }
            connection.rollback();
            head = null;
            owner.headConflicts.increment();
            if (++conflicts >= MAX_HEAD_CONFLICTS) {
                throw new IllegalStateException("the head of " + chain + " moved under " + conflicts
                        + " consecutive batches: another writer keeps extending it");
            }
        }
    }

    /** A unique key refused the insert (SQLSTATE 23505 on PostgreSQL and H2). */
    static boolean positionTaken(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if ("23505".equals(e.getSQLState())) return true;
                }
            }
        }
        return false;
    }

    private AuditChainHead readHead(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ_HEAD)) {
            read.setString(1, chain);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("audit chain " + chain + " has no head row");
                }
                AuditChainHead current = new AuditChainHead();
                current.name = chain;
                current.lastSeq = row.getLong(1);
                current.lastHash = row.getString(2).trim();
                String mac = row.getString(3);
                current.lastMac = mac == null ? null : mac.trim();
                return current;
            }
        }
    }

    private static AuditChainHead copyOf(AuditChainHead head) {
        AuditChainHead copy = new AuditChainHead();
        copy.name = head.name;
        copy.lastSeq = head.lastSeq;
        copy.lastHash = head.lastHash;
        copy.lastMac = head.lastMac;
        return copy;
    }

    /** Moves the head from {@code from} to {@code to}; false when the head is no longer {@code from}. */
    private boolean advance(Connection connection, AuditChainHead from, AuditChainHead to) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(ADVANCE_HEAD)) {
            update.setLong(1, to.lastSeq);
            update.setString(2, to.lastHash);
            update.setString(3, to.lastMac);
            update.setString(4, chain);
            update.setLong(5, from.lastSeq);
            update.setString(6, from.lastHash);
            return update.executeUpdate() == 1;
        }
    }

    private static void insert(Connection connection, List<Pending> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending pending : batch) {
                DecisionRecord r = pending.record();
                insert.setString(1, r.id);
                insert.setString(2, r.family);
                insert.setString(3, r.caseId);
                insert.setString(4, r.subjectId);
                insert.setString(5, r.stage);
                insert.setInt(6, r.policyVersion);
                insert.setString(7, r.policySha256);
                insert.setString(8, r.outcome);
                insert.setString(9, r.requestJson);
                insert.setString(10, r.responseJson);
                insert.setString(11, r.caller);
                insert.setObject(12, OffsetDateTime.ofInstant(r.createdAt, ZoneOffset.UTC));
                insert.setString(13, r.recommendation);
                insert.setString(14, r.color);
                insert.setString(15, r.crimeType);
                insert.setString(16, r.objectionId);
                insert.setInt(17, r.chainPartition);
                insert.setLong(18, r.chainSeq);
                insert.setString(19, r.prevHash);
                insert.setString(20, r.recordHash);
                insert.setString(21, r.mac);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            for (int count : counts) {
                if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                    throw new SQLException("an audit record of " + batch.size() + " was not inserted (count " + count + ")");
                }
            }
        }
    }

    private void fail(List<Pending> batch, Throwable cause) {
        if (DatabaseUnavailable.causes(cause)) {
            DatabaseUnavailable.warn("audit writer " + chain, cause);
        } else {
            LOG.warnf("audit batch of %d decisions on %s not written, its callers are answered 503: %s", batch.size(),
                    chain, rootMessage(cause));
            LOG.debugf(cause, "audit batch on %s failed", chain);
        }
        for (Pending pending : batch) {
            pending.written().completeExceptionally(cause);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection broke: nothing of the batch was committed on it
        }
    }

    /** Stops taking decisions, commits those already queued (within the time given) and fails any left. */
    void stop(long timeout, TimeUnit unit) {
        stopping = true;
        // No interrupt: the writer sees the flag within its idle poll, and an interrupt mid-write can close H2's file.
        try {
            thread.join(Math.max(1, unit.toMillis(timeout)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            fail(left, new IllegalStateException("the service is stopping"));
        }
    }
}
