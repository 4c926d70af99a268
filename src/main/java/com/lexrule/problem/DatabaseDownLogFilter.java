package com.lexrule.problem;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * While the database is down, the pool, the transaction manager and Hibernate each log every failed request, with
 * stack traces; {@link DatabaseUnavailable#warn} already says it once a minute. Their records about it are dropped
 * while the outage lasts (and for a few seconds after the last failure), and logged as ever otherwise.
 */
@LoggingFilter(name = "database-down")
public final class DatabaseDownLogFilter implements Filter {

    private static final List<String> PERSISTENCE_LOGGERS = List.of("io.agroal", "com.arjuna", "org.hibernate",
            "org.jboss.jca", "io.quarkus.narayana");

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        boolean persistence = PERSISTENCE_LOGGERS.stream().anyMatch(logger::startsWith);
        if (!persistence) return true;
        if (record.getThrown() != null && DatabaseUnavailable.causes(record.getThrown())) {
            DatabaseUnavailable.seen();
            return false;
        }
        return !DatabaseUnavailable.recentlySeen();
    }
}
