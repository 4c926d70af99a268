package com.lexrule.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.ValidationException;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * A search of the decision records by case, family, policy version, color and date range (dates in the
 * agencies' time zone, both inclusive).
 */
public record DecisionQuery(String caseId, String family, Integer policyVersion, String color, LocalDate from, LocalDate to) {

    public DecisionQuery {
        if (from != null && to != null && to.isBefore(from)) {
            throw new ValidationException("to: 结束日期早于开始日期 (to is before from)");
        }
    }

    PanacheQuery<DecisionRecord> find(Clock clock) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (caseId != null && !caseId.isBlank()) { where.add("caseId = :caseId"); params.put("caseId", caseId); }
        if (family != null && !family.isBlank()) { where.add("family = :family"); params.put("family", family); }
        if (policyVersion != null) { where.add("policyVersion = :version"); params.put("version", policyVersion); }
        if (color != null && !color.isBlank()) { where.add("color = :color"); params.put("color", color); }
        if (from != null) { where.add("createdAt >= :from"); params.put("from", from.atStartOfDay(clock.getZone()).toInstant()); }
        if (to != null) { where.add("createdAt < :to"); params.put("to", to.plusDays(1).atStartOfDay(clock.getZone()).toInstant()); }
        String query = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by createdAt desc, id";
        return DecisionRecord.find(query.strip().startsWith("order") ? query.strip() : query, params);
    }
}
