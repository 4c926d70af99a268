package com.lexrule.problem;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/**
 * Asks the database whether it answers, for a failure that does not say so itself: a component may fail on what a
 * lost connection left behind (an empty read, a broken session) rather than on the connection. Asked on the error
 * path only, at most once a second.
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final long CACHE_NANOS = 1_000_000_000L;

    private final AgroalDataSource dataSource;
    private volatile long checkedAt = System.nanoTime() - CACHE_NANOS;
    private volatile boolean reachable = true;

    public DatabaseProbe(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean reachable() {
        long now = System.nanoTime();
        if (now - checkedAt < CACHE_NANOS) return reachable;
        boolean answer;
        try (Connection connection = dataSource.getConnection()) {
            answer = connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            answer = false;
        }
        reachable = answer;
        checkedAt = System.nanoTime();
        if (!answer) DatabaseUnavailable.seen();
        return answer;
    }
}
