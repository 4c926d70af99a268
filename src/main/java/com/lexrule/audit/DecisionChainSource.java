package com.lexrule.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** The decision chains ({@code decision-0} .. {@code decision-63}), records in decision_record. */
@ApplicationScoped
public class DecisionChainSource implements ChainSource {

    private static final String PREFIX = "decision-";

    @Override
    public boolean holds(String chain) {
        return chain.startsWith(PREFIX);
    }

    @Override
    public String table(String chain) {
        return "decision_record";
    }

    /** Read only: verification reads a page and lets it go, so no snapshot is kept for a flush that never comes. */
    @Override
    public List<DecisionRecord> page(String chain, long fromSeq, int limit) {
        return DecisionRecord.<DecisionRecord>find("chainPartition = ?1 and chainSeq >= ?2 order by chainSeq", partition(chain), fromSeq)
                .withHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true).range(0, limit - 1).list();
    }

    @Override
    public long lastSeq(String chain) {
        Long last = DecisionRecord.getEntityManager()
                .createQuery("select max(d.chainSeq) from DecisionRecord d where d.chainPartition = :p", Long.class)
                .setParameter("p", partition(chain)).getSingleResult();
        return last == null ? 0 : last;
    }

    private static int partition(String chain) {
        return Integer.parseInt(chain.substring(PREFIX.length()));
    }
}
