package com.lexrule.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
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

    private record Row(Integer version, String crimeType, String color, long decided, long agreed) {
    }

    /**
     * Sums the rollup (V15_1) over the days of the period: a few rows per day and group, however many decisions
     * there are, instead of the year's records joined with their officer decisions.
     */
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
        long assessments = ((Number) em.createNativeQuery("SELECT COALESCE(SUM(assessments), 0) FROM agreement_assessments "
                        + "WHERE family = ?1 AND decision_day >= ?2 AND decision_day <= ?3")
                .setParameter(1, family).setParameter(2, start).setParameter(3, end).getSingleResult()).longValue();
        List<Row> rows = ((List<?>) em.createNativeQuery("SELECT policy_version, crime_type, color, SUM(decided), SUM(agreed) "
                        + "FROM agreement_decided WHERE family = ?1 AND decision_day >= ?2 AND decision_day <= ?3 "
                        + "GROUP BY policy_version, crime_type, color")
                .setParameter(1, family).setParameter(2, start).setParameter(3, end).getResultList()).stream()
                .map(o -> (Object[]) o)
                .map(r -> new Row(((Number) r[0]).intValue(), blankAsDash((String) r[1]), blankAsDash((String) r[2]),
                        ((Number) r[3]).longValue(), ((Number) r[4]).longValue()))
                .filter(r -> r.decided() > 0).toList();
        long decided = rows.stream().mapToLong(Row::decided).sum();
        long agreed = rows.stream().mapToLong(Row::agreed).sum();
        List<Reason> top = ((List<?>) em.createNativeQuery("SELECT MAX(reason), SUM(departures) FROM agreement_reasons "
                        + "WHERE family = ?1 AND decision_day >= ?2 AND decision_day <= ?3 GROUP BY reason_sha256 "
                        + "HAVING SUM(departures) > 0 ORDER BY SUM(departures) DESC, MAX(reason) FETCH FIRST 10 ROWS ONLY")
                .setParameter(1, family).setParameter(2, start).setParameter(3, end).getResultList()).stream()
                .map(o -> (Object[]) o).map(r -> new Reason((String) r[0], ((Number) r[1]).longValue())).toList();
        return new Agreement(family, start, end, assessments, decided, agreed, rate(agreed, decided),
                groups(rows, r -> "v" + r.version()), groups(rows, Row::crimeType), groups(rows, Row::color), top);
    }

    private static String blankAsDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    private static List<Rate> groups(List<Row> rows, Function<Row, String> key) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Row row : rows) {
            long[] c = counts.computeIfAbsent(key.apply(row), k -> new long[2]);
            c[0] += row.decided();
            c[1] += row.agreed();
        }
        return counts.entrySet().stream().map(e -> new Rate(e.getKey(), e.getValue()[0], e.getValue()[1],
                rate(e.getValue()[1], e.getValue()[0]))).sorted(Comparator.comparing(Rate::key)).toList();
    }

    private static BigDecimal rate(long agreed, long decided) {
        return decided == 0 ? null : BigDecimal.valueOf(agreed).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
    }
}
