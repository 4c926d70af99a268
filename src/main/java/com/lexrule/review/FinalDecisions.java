package com.lexrule.review;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The officers' final decisions on a family's audited decisions of a period: the latest revision of each (a correction
 * replaces what it corrects), for analyses that compare the service's recommendation with what officers decided.
 */
@ApplicationScoped
public class FinalDecisions {

    /** What the officer finally took on one audited decision. */
    public record Final(String decisionId, String taken) {
    }

    private final EntityManager em;

    public FinalDecisions(EntityManager em) {
        this.em = em;
    }

    /** The final decisions on the family's decisions made from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<Final> of(String family, Instant from, Instant to, int limit) {
        return ((List<?>) em.createNativeQuery("SELECT o.decision_id, o.taken FROM officer_decision o "
                        + "JOIN decision_record d ON d.id = o.decision_id WHERE d.family = ?1 AND d.created_at >= ?2 "
                        + "AND d.created_at < ?3 AND o.revision = (SELECT MAX(o2.revision) FROM officer_decision o2 "
                        + "WHERE o2.decision_id = o.decision_id) ORDER BY d.created_at, d.id")
                .setParameter(1, family).setParameter(2, from).setParameter(3, to).setMaxResults(limit).getResultList())
                .stream().map(o -> (Object[]) o).map(r -> new Final((String) r[0], (String) r[1])).toList();
    }
}
