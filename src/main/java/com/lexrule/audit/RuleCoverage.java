package com.lexrule.audit;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The coverage rollup read back (rule_coverage, written with each audit batch by {@link CoverageRollup}): per rule id
 * of one version, how many of its audited decisions over a period the rule fired in and decided. Sums rows per rule
 * and day; no decision record is read.
 */
@ApplicationScoped
public class RuleCoverage {

    /** What the rollup holds for one rule. */
    public record Count(long fired, long decided) {
    }

    /**
     * @param decisions the version's audited decisions in the period (agreement_assessments)
     * @param counted   those the coverage rollup counted (decisions with findings recorded since it exists)
     */
    public record Counts(long decisions, long counted, Map<String, Count> rules) {
    }

    private final EntityManager em;

    public RuleCoverage(EntityManager em) {
        this.em = em;
    }

    /** The counts of one version from {@code from} to {@code to}, both days inclusive, in the agencies' zone. */
    public Counts of(String family, int version, LocalDate from, LocalDate to) {
        long decisions = ((Number) em.createNativeQuery("SELECT COALESCE(SUM(assessments), 0) FROM agreement_assessments "
                        + "WHERE family = ?1 AND policy_version = ?2 AND decision_day >= ?3 AND decision_day <= ?4")
                .setParameter(1, family).setParameter(2, version).setParameter(3, from).setParameter(4, to)
                .getSingleResult()).longValue();
        Map<String, Count> rules = new LinkedHashMap<>();
        long counted = 0;
        for (Object row : em.createNativeQuery("SELECT rule_id, SUM(fired), SUM(decided) FROM rule_coverage "
                        + "WHERE family = ?1 AND policy_version = ?2 AND decision_day >= ?3 AND decision_day <= ?4 "
                        + "GROUP BY rule_id ORDER BY rule_id")
                .setParameter(1, family).setParameter(2, version).setParameter(3, from).setParameter(4, to)
                .getResultList()) {
            Object[] r = (Object[]) row;
            Count count = new Count(((Number) r[1]).longValue(), ((Number) r[2]).longValue());
            rules.put((String) r[0], count);
            counted += count.decided();
        }
        // Each counted decision has exactly one deciding rule, so the deciding counts sum to the decisions counted.
        return new Counts(decisions, counted, rules);
    }
}
