package com.lexrule.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule coverage of the decisions of a batch (rule_coverage, V19): per family, day, chain partition, version and
 * rule id, how many decisions the rule fired in and how many it decided. Written as {@link AssessmentRollup} is, by
 * {@link RollupCounters} in the batch's transaction after the head update.
 */
final class CoverageRollup {

    static final String UPDATE = "UPDATE rule_coverage SET fired = fired + ?, decided = decided + ? WHERE family = ? "
            + "AND policy_version = ? AND decision_day = ? AND chain_partition = ? AND rule_id = ?";
    static final String INSERT = "INSERT INTO rule_coverage (fired, decided, family, policy_version, decision_day, "
            + "chain_partition, rule_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final int RULE_ID_LENGTH = 200;

    private record Group(String family, int version, LocalDate day, int partition, String ruleId) {
    }

    private CoverageRollup() {
    }

    static void count(Connection connection, List<DecisionRecord> records, ZoneId zone) throws SQLException {
        Map<Group, long[]> groups = new LinkedHashMap<>();
        for (DecisionRecord r : records) {
            LocalDate day = LocalDate.ofInstant(r.createdAt, zone);
            for (String rule : r.firedRules) {
                long[] counts = groups.computeIfAbsent(new Group(r.family, r.policyVersion, day, r.chainPartition, rule), g -> new long[2]);
                counts[0]++;
                if (rule.equals(r.decidingRule)) counts[1]++;
            }
        }
        RollupCounters.add(connection, UPDATE, INSERT, groups, CoverageRollup::bind);
    }

    private static void bind(PreparedStatement statement, Group group, long[] counts) throws SQLException {
        statement.setLong(1, counts[0]);
        statement.setLong(2, counts[1]);
        statement.setString(3, group.family());
        statement.setInt(4, group.version());
        statement.setObject(5, group.day());
        statement.setInt(6, group.partition());
        statement.setString(7, group.ruleId());
    }
}
