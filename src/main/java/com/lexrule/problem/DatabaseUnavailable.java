package com.lexrule.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * Tells a database that cannot be reached (down, restarting, the pool unable to connect) from a failure of the
 * request, and reports it once in a while instead of once per request: while the database is down every request
 * fails the same way, and a stack trace each time would bury the one line an operator needs.
 */
public final class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);
    /** The Retry-After a caller is given: about as long as a failover or a restart takes. */
    public static final int RETRY_AFTER_SECONDS = 30;
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    /** How long after the last failure seen the outage is taken to last (for the log filter). */
    private static final long OUTAGE_NANOS = Duration.ofSeconds(10).toNanos();
    private static final AtomicLong lastSeen = new AtomicLong(System.nanoTime() - OUTAGE_NANOS);

    private DatabaseUnavailable() {
    }

    /** True when the failure, or one of its causes, is a connection to the database that could not be made or broke. */
    public static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // the pool could not begin work on its connection: the resource manager failed or is unavailable
            if (t instanceof javax.transaction.xa.XAException xa && (xa.errorCode == javax.transaction.xa.XAException.XAER_RMFAIL
                    || xa.errorCode == javax.transaction.xa.XAException.XAER_RMERR)) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().startsWith("Unable to acquire JDBC Connection")) {
                return true;
            }
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) return true;      // SQL standard: connection exception
        if (state != null && state.startsWith("57P0")) return true;    // PostgreSQL: admin/crash shutdown, cannot connect now
        // H2: connection broken (90067), database closed (90098), database called at VM shutdown (90121)
        if ("90067".equals(state) || "90098".equals(state) || "90121".equals(state)) return true;
        String message = e.getMessage();
        return message != null && message.contains("Acquisition timeout"); // Agroal: no connection could be obtained
    }

    /** A failure to reach the database was seen now. */
    public static void seen() {
        lastSeen.set(System.nanoTime());
    }

    /** Whether a failure to reach the database was seen within the last seconds. */
    public static boolean recentlySeen() {
        return System.nanoTime() - lastSeen.get() < OUTAGE_NANOS;
    }

    /** One warning a minute at most, without a stack trace: the cause's message says what is wrong. */
    public static void warn(String where, Throwable failure) {
        seen();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            LOG.warnf("database unavailable (%s): %s; requests are answered 503 until it is back (this warning repeats "
                    + "at most once a minute)", where, root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }
}
