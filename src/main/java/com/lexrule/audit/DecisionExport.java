package com.lexrule.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.lexrule.problem.ProblemException;

import io.agroal.api.AgroalDataSource;

/**
 * The CSV export of a search, streamed from a database cursor to the response: rows are read a fetch at a time and
 * written as they come, so the export's memory does not grow with its length. It exports every record the search
 * matches, or, when they are more than {@code lexrule.audit.export.max-rows}, refuses before the first byte with a
 * problem that names the limit and how to split the export; it never stops part-way on purpose. JDBC rather than
 * the entities: an entity per row is what filled the heap, and a cursor is a connection's, not a persistence
 * context's.
 */
@ApplicationScoped
public class DecisionExport {

    static final String[] HEADER = {"决定编号 decisionId", "时间 decidedAt", "政策族 family", "案件编号 caseId", "当事人 subjectId",
            "阶段 stage", "罪名 crimeType", "建议 recommendation", "颜色 color", "结论 outcome", "政策版本 policyVersion",
            "政策哈希 policySha256", "调用方 caller", "触发规则 findings", "异议 objectionId"};
    private static final String COLUMNS = "id, created_at, family, case_id, subject_id, stage, crime_type, recommendation, color, "
            + "outcome, policy_version, policy_sha256, caller, response_json, objection_id";
    private static final int FETCH = 1_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final int maxRows;

    public DecisionExport(AgroalDataSource dataSource, Clock clock,
                          @ConfigProperty(name = "lexrule.audit.export.max-rows", defaultValue = "1000000") int maxRows) {
        if (maxRows < 1) throw new IllegalArgumentException("lexrule.audit.export.max-rows must be at least 1");
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    public int maxRows() {
        return maxRows;
    }

    /**
     * Refuses a search with more than {@code max-rows} records, before anything is sent: the index in export order
     * is read up to the record past the limit, no further, and no row is counted beyond it.
     */
    void requireWithinLimit(DecisionQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id FROM decision_record" + query.sqlWhere(clock, params) + DecisionQuery.SQL_ORDER
                + " OFFSET " + maxRows + " ROWS FETCH FIRST 1 ROWS ONLY";
        boolean over;
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                over = rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the export's size could not be checked", e);
        }
        if (over) {
            throw new ProblemException(422, "export-too-large", "导出记录超过上限，请分段导出 (the export is larger than one file may be)",
                    "此查询匹配的决定超过 " + maxRows + " 条（lexrule.audit.export.max-rows），未导出任何记录。请按日期分段导出"
                            + "（from/to，每段不超过上限），或再按 family、policyVersion、color、outcome、caseId 缩小范围 (more than " + maxRows
                            + " decisions match: nothing was exported; export the range in parts by date with from and to, "
                            + "each within the limit, or narrow it by family, policyVersion, color, outcome or caseId)",
                    List.of(), Map.of("maxRows", maxRows, "pageBy", List.of("from", "to", "family", "policyVersion", "color", "outcome", "caseId")));
        }
    }

    /**
     * How many records the search matches, counted no further than {@code cap}: the index is read up to that many
     * entries, so the count's cost is bounded however large the trail is.
     */
    long countUpTo(DecisionQuery query, int cap) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM (SELECT 1 AS one FROM decision_record" + query.sqlWhere(clock, params)
                + " FETCH FIRST " + cap + " ROWS ONLY) capped";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the search could not be counted", e);
        }
    }

    /** Writes the header and every matching record, newest first, and flushes. */
    void write(DecisionQuery query, Writer writer) throws IOException {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone());
        writer.write('\ufeff');
        Csv.row(writer, HEADER);
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + COLUMNS + " FROM decision_record" + query.sqlWhere(clock, params) + DecisionQuery.SQL_ORDER;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL keeps a cursor (fetch size honoured) only inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH);
                bind(statement, params);
                try (ResultSet rows = statement.executeQuery()) {
                    String[] cells = new String[HEADER.length];
                    while (rows.next()) {
                        cells[0] = rows.getString(1);
                        cells[1] = local.format(rows.getObject(2, OffsetDateTime.class));
                        for (int c = 2; c <= 12; c++) cells[c] = rows.getString(c + 1);
                        cells[13] = firedRules(rows.getString(14));
                        cells[14] = rows.getString(15);
                        Csv.row(writer, cells);
                    }
                }
            } finally {
                connection.rollback(); // read only
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // The response has begun: the connection is cut, and the client sees a truncated transfer, not a short file.
            throw new UncheckedIOException(new IOException("the export failed while reading the audit", e));
        }
        writer.flush();
    }

    private static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) statement.setObject(i + 1, params.get(i));
    }

    /** The ruleId of each finding of a stored answer, space-separated, read without building the JSON tree. */
    static String firedRules(String responseJson) {
        if (responseJson == null) return "";
        StringBuilder ids = new StringBuilder();
        try (JsonParser parser = JSON.createParser(responseJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) return "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"findings".equals(field) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        parser.nextToken();
                        if ("ruleId".equals(name)) {
                            if (!ids.isEmpty()) ids.append(' ');
                            ids.append(parser.getValueAsString());
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                break;
            }
        } catch (IOException e) {
            return "";
        }
        return ids.toString();
    }
}
