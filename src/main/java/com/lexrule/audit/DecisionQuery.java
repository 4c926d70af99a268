package com.lexrule.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ValidationException;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * A search of the decision records by case, family, policy version, color, outcome (the summary the trail keeps,
 * e.g. {@code MAY_ARREST/YELLOW/ARREST}, matched exactly) and date range (dates in the agencies' time zone, both
 * inclusive), newest first: by decision time, then by id, both descending, the order of the indexes on
 * (created_at, id), (family, created_at, id) and (outcome, created_at, id). A page continues after the last record of the
 * previous one ({@link Cursor}), so that page 1,000 costs what page 1 does.
 */
public record DecisionQuery(String caseId, String family, Integer policyVersion, String color, String outcome, LocalDate from,
                            LocalDate to) {

    /** The longest outcome summary the trail keeps (decision_record.outcome). */
    static final int OUTCOME_MAX = 256;

    /** The order every search, page and export reads in. */
    static final String ORDER = " order by createdAt desc, id desc";

    public DecisionQuery {
        if (outcome != null && (outcome.length() > OUTCOME_MAX || outcome.chars().anyMatch(Character::isISOControl))) {
            throw new ValidationException("outcome: 结论须为决定记录中的结论摘要，例如 MAY_ARREST/YELLOW/ARREST，至多 " + OUTCOME_MAX
                    + " 个字符，不含控制字符 (an outcome summary as the decisions carry it, at most " + OUTCOME_MAX + " characters)");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new ValidationException("to: 结束日期早于开始日期 (to is before from)");
        }
    }

    /**
     * Where a page ends: the decision time and id of its last record. Opaque to clients (base64url), who pass it
     * back as {@code after} for the next page.
     */
    public record Cursor(Instant createdAt, String id) {

        static Cursor after(DecisionRecord last) {
            return new Cursor(last.createdAt, last.id);
        }

        public String encoded() {
            String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** Reads a cursor a client passed back; anything else is a 400 naming the parameter. */
        public static Cursor parse(String parameter, String encoded) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                int dot = plain.indexOf('.');
                if (bar < 0 || dot < 0 || dot > bar || bar == plain.length() - 1) throw new IllegalArgumentException();
                Instant at = Instant.ofEpochSecond(Long.parseLong(plain.substring(0, dot)), Long.parseLong(plain.substring(dot + 1, bar)));
                return new Cursor(at, plain.substring(bar + 1));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new ValidationException(parameter + ": 不是本服务给出的分页游标 (not a cursor this service handed out; "
                        + "pass the previous page's \"next\" as it was)");
            }
        }
    }

    PanacheQuery<DecisionRecord> find(Clock clock) {
        return find(clock, null);
    }

    /** The records of the search, newest first, starting after the cursor when one is given. */
    PanacheQuery<DecisionRecord> find(Clock clock, Cursor after) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (caseId != null && !caseId.isBlank()) { where.add("caseId = :caseId"); params.put("caseId", caseId); }
        if (family != null && !family.isBlank()) { where.add("family = :family"); params.put("family", family); }
        if (policyVersion != null) { where.add("policyVersion = :version"); params.put("version", policyVersion); }
        if (color != null && !color.isBlank()) { where.add("color = :color"); params.put("color", color); }
        if (outcome != null && !outcome.isBlank()) { where.add("outcome = :outcome"); params.put("outcome", outcome); }
        if (from != null) { where.add("createdAt >= :from"); params.put("from", lower(clock)); }
        if (to != null) { where.add("createdAt < :to"); params.put("to", upper(clock)); }
        if (after != null) {
            // The first conjunct bounds the index range; the second steps past the records of the same instant.
            where.add("createdAt <= :afterTime and (createdAt < :afterTime or id < :afterId)");
            params.put("afterTime", after.createdAt());
            params.put("afterId", after.id());
        }
        String query = where.isEmpty() ? ORDER.strip() : String.join(" and ", where) + ORDER;
        return DecisionRecord.find(query, params);
    }

    /** The same search as SQL over decision_record, for a cursor that streams it: the WHERE clause and its parameters. */
    String sqlWhere(Clock clock, List<Object> params) {
        List<String> where = new ArrayList<>();
        if (caseId != null && !caseId.isBlank()) { where.add("case_id = ?"); params.add(caseId); }
        if (family != null && !family.isBlank()) { where.add("family = ?"); params.add(family); }
        if (policyVersion != null) { where.add("policy_version = ?"); params.add(policyVersion); }
        if (color != null && !color.isBlank()) { where.add("color = ?"); params.add(color); }
        if (outcome != null && !outcome.isBlank()) { where.add("outcome = ?"); params.add(outcome); }
        if (from != null) { where.add("created_at >= ?"); params.add(java.time.OffsetDateTime.ofInstant(lower(clock), java.time.ZoneOffset.UTC)); }
        if (to != null) { where.add("created_at < ?"); params.add(java.time.OffsetDateTime.ofInstant(upper(clock), java.time.ZoneOffset.UTC)); }
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    static final String SQL_ORDER = " ORDER BY created_at DESC, id DESC";

    private Instant lower(Clock clock) {
        return from.atStartOfDay(clock.getZone()).toInstant();
    }

    private Instant upper(Clock clock) {
        return to.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }
}
