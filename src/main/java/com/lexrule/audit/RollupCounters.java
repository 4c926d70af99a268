package com.lexrule.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds a batch's counts to a rollup table of counters: one batched {@code UPDATE … SET n = n + ?} for every group,
 * then one batched insert of the groups no row was there for. It runs in the audit batch's transaction after the head
 * update, whose row lock makes the writer holding it the only one moving its partition's rows, so an update that
 * finds no row may insert it without a race. The update and the insert take their parameters in the same order.
 */
final class RollupCounters {

    /** Binds a group's counts and key to the update or the insert, in the order both statements name them. */
    @FunctionalInterface
    interface Binder<G> {
        void bind(PreparedStatement statement, G group, long[] counts) throws SQLException;
    }

    private RollupCounters() {
    }

    static <G> void add(Connection connection, String update, String insert, Map<G, long[]> groups, Binder<G> binder)
            throws SQLException {
        if (groups.isEmpty()) return;
        List<Map.Entry<G, long[]>> entries = new ArrayList<>(groups.entrySet());
        List<Map.Entry<G, long[]>> absent = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            for (Map.Entry<G, long[]> entry : entries) {
                binder.bind(statement, entry.getKey(), entry.getValue());
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) absent.add(entries.get(i));
            }
        }
        if (absent.isEmpty()) return;
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            for (Map.Entry<G, long[]> entry : absent) {
                binder.bind(statement, entry.getKey(), entry.getValue());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
