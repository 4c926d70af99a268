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
 * The assessments of the agreement statistics, counted by the audit batch that writes them (agreement_assessments,
 * by family, day in the agencies' zone, chain partition, version, crime type and color): the statistics then sum a
 * few rows a day instead of scanning the year's records. Written by {@link RollupCounters} in the batch's transaction
 * after the head update. A batch adds one update per group it holds (a handful), not one per decision.
 */
final class AssessmentRollup {

    static final String UPDATE = "UPDATE agreement_assessments SET assessments = assessments + ? WHERE family = ? "
            + "AND decision_day = ? AND chain_partition = ? AND policy_version = ? AND crime_type = ? AND color = ?";
    static final String INSERT = "INSERT INTO agreement_assessments (assessments, family, decision_day, chain_partition, "
            + "policy_version, crime_type, color) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private record Group(String family, LocalDate day, int partition, int version, String crimeType, String color) {
    }

    private AssessmentRollup() {
    }

    static void count(Connection connection, List<DecisionRecord> records, ZoneId zone) throws SQLException {
        Map<Group, long[]> groups = new LinkedHashMap<>();
        for (DecisionRecord r : records) {
            Group group = new Group(r.family, LocalDate.ofInstant(r.createdAt, zone), r.chainPartition, r.policyVersion,
                    r.crimeType == null ? "" : r.crimeType, r.color == null ? "" : r.color);
            groups.computeIfAbsent(group, g -> new long[1])[0]++;
        }
        RollupCounters.add(connection, UPDATE, INSERT, groups, AssessmentRollup::bind);
    }

    private static void bind(PreparedStatement statement, Group group, long[] counts) throws SQLException {
        statement.setLong(1, counts[0]);
        statement.setString(2, group.family());
        statement.setObject(3, group.day());
        statement.setInt(4, group.partition());
        statement.setInt(5, group.version());
        statement.setString(6, group.crimeType());
        statement.setString(7, group.color());
    }
}
