package com.lexrule.review;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.lexrule.audit.AuditChains;
import com.lexrule.audit.ChainSource;
import com.lexrule.audit.ChainedRecord;

/** The chains of officers' decisions, objections and objection outcomes, one chain each, for verification. */
@ApplicationScoped
public class AccountabilityChains implements ChainSource {

    private record Held(String table, String entity) {
    }

    private static final Map<String, Held> CHAINS = Map.of(
            AuditChains.OFFICER_DECISIONS, new Held("officer_decision", "OfficerDecision"),
            AuditChains.OBJECTIONS, new Held("objection", "Objection"),
            AuditChains.OBJECTION_OUTCOMES, new Held("objection_outcome", "ObjectionOutcome"));

    private final EntityManager em;

    public AccountabilityChains(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean holds(String chain) {
        return CHAINS.containsKey(chain);
    }

    @Override
    public String table(String chain) {
        return CHAINS.get(chain).table();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<? extends ChainedRecord> page(String chain, long fromSeq, int limit) {
        return em.createQuery("from " + CHAINS.get(chain).entity() + " r where r.chainSeq >= :from order by r.chainSeq")
                .setParameter("from", fromSeq).setMaxResults(limit)
                .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).getResultList();
    }

    @Override
    public long lastSeq(String chain) {
        Long last = em.createQuery("select max(r.chainSeq) from " + CHAINS.get(chain).entity() + " r", Long.class).getSingleResult();
        return last == null ? 0 : last;
    }
}
