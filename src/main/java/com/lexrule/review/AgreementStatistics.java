package com.lexrule.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ValidationException;

/**
 * How often the officers' final decisions agree with the service's recommendations (JINHUA's measure: about 90%
 * of 659 persons), per policy version, crime type and color, and the reasons most given for departing. Only live
 * decisions count; the latest officer decision (after corrections) of each is the one compared.
 */
@ApplicationScoped
public class AgreementStatistics {

    private final EntityManager em;
    private final Clock clock;

    public AgreementStatistics(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Agreement within one group. */
    public record Rate(String key, long decided, long agreed, BigDecimal rate) {
    }

    /** A reason for departing from the recommendation, and how often it was given. */
    public record Reason(String reason, long count) {
    }

    /** The statistics of one family over a period. */
    public record Agreement(String family, LocalDate from, LocalDate to, long assessments, long decided, long agreed,
                            BigDecimal agreementRate, List<Rate> byPolicyVersion, List<Rate> byCrimeType,
                            List<Rate> byColor, List<Reason> topOverrideReasons) {
    }

    private record Row(Integer version, String crimeType, String color, boolean agrees, String reason) {
    }

    @Transactional
    public Agreement of(String family, LocalDate from, LocalDate to) {
        if (family == null || family.isBlank()) {
            throw new ValidationException("family: 须指定政策族 (family is required)");
        }
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusYears(1) : from;
        if (end.isBefore(start)) {
            throw new ValidationException("to: 结束日期早于开始日期 (to is before from)");
        }
        Instant lower = start.atStartOfDay(clock.getZone()).toInstant();
        Instant upper = end.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        long assessments = em.createQuery("select count(d) from DecisionRecord d where d.family = :f and d.createdAt >= :a and d.createdAt < :b", Long.class)
                .setParameter("f", family).setParameter("a", lower).setParameter("b", upper).getSingleResult();
        List<Row> rows = em.createQuery("""
                        select d.policyVersion, d.crimeType, d.color, o.agrees, o.reason
                        from OfficerDecision o, DecisionRecord d
                        where o.decisionId = d.id and d.family = :f and d.createdAt >= :a and d.createdAt < :b
                          and o.revision = (select max(o2.revision) from OfficerDecision o2 where o2.decisionId = o.decisionId)
                        """, Object[].class)
                .setParameter("f", family).setParameter("a", lower).setParameter("b", upper).getResultStream()
                .map(r -> new Row((Integer) r[0], (String) r[1], (String) r[2], (Boolean) r[3], (String) r[4])).toList();
        long agreed = rows.stream().filter(Row::agrees).count();
        Map<String, Long> reasons = new LinkedHashMap<>();
        rows.stream().filter(r -> !r.agrees() && r.reason() != null)
                .forEach(r -> reasons.merge(r.reason().strip(), 1L, Long::sum));
        List<Reason> top = reasons.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).map(e -> new Reason(e.getKey(), e.getValue())).toList();
        return new Agreement(family, start, end, assessments, rows.size(), agreed, rate(agreed, rows.size()),
                groups(rows, r -> "v" + r.version()), groups(rows, r -> r.crimeType() == null ? "-" : r.crimeType()),
                groups(rows, r -> r.color() == null ? "-" : r.color()), top);
    }

    private static List<Rate> groups(List<Row> rows, Function<Row, String> key) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Row row : rows) {
            long[] c = counts.computeIfAbsent(key.apply(row), k -> new long[2]);
            c[0]++;
            if (row.agrees()) c[1]++;
        }
        return counts.entrySet().stream().map(e -> new Rate(e.getKey(), e.getValue()[0], e.getValue()[1],
                rate(e.getValue()[1], e.getValue()[0]))).sorted(Comparator.comparing(Rate::key)).toList();
    }

    private static BigDecimal rate(long agreed, long decided) {
        return decided == 0 ? null : BigDecimal.valueOf(agreed).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
    }
}
