package com.lexrule.audit;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The audit trail as other capabilities read it: decisions as {@link DecisionView}s and audited requests, never the
 * {@link DecisionRecord} entity, whose mapping and chain fields stay the audit's own. Reads join the caller's
 * transaction when there is one.
 */
@ApplicationScoped
public class DecisionLedger {

    private final ObjectMapper json;

    public DecisionLedger(ObjectMapper json) {
        this.json = json;
    }

    /** A request as it was audited, for back-tests: the JSON exactly as stored. */
    public record AuditedRequest(String decisionId, String caseId, int policyVersion, String requestJson) {
    }

    /** The decision with its request and answer, or empty if there is none. */
    public Optional<DecisionView> find(String decisionId) {
        return DecisionRecord.<DecisionRecord>findByIdOptional(decisionId).map(r -> DecisionView.of(r, json, true));
    }

    /** Every assessment of the case, oldest first, without content. */
    public List<DecisionView> ofCase(String caseId) {
        return DecisionRecord.<DecisionRecord>list("caseId = ?1 order by createdAt", caseId).stream()
                .map(r -> DecisionView.of(r, json, false)).toList();
    }

    /** Every assessment of the case, oldest first, with the facts and answer as exchanged. */
    public List<DecisionView> ofCaseWithContent(String caseId) {
        return DecisionRecord.<DecisionRecord>list("caseId = ?1 order by createdAt, id", caseId).stream()
                .map(r -> DecisionView.of(r, json, true)).toList();
    }

    /** A case of the same subject: its id, the subject, how many assessments and the latest one's time. */
    public record SubjectCase(String caseId, String subjectId, long assessments, java.time.Instant lastDecidedAt) {
    }

    /** The other cases that assess any of these subjects, most recent first. */
    public List<SubjectCase> otherCasesOf(java.util.Collection<String> subjectIds, String exceptCaseId) {
        if (subjectIds.isEmpty()) return List.of();
        return DecisionRecord.getEntityManager().createQuery("select d.caseId, d.subjectId, count(d), max(d.createdAt) "
                        + "from DecisionRecord d where d.subjectId in :subjects and d.caseId <> :caseId "
                        + "group by d.caseId, d.subjectId order by max(d.createdAt) desc", Object[].class)
                .setParameter("subjects", subjectIds).setParameter("caseId", exceptCaseId).setMaxResults(100)
                .getResultStream().map(r -> new SubjectCase((String) r[0], (String) r[1], ((Number) r[2]).longValue(),
                        (java.time.Instant) r[3])).toList();
    }

    /** The ids of the re-assessments made on an objection, oldest first. */
    public List<String> reassessmentsOf(String objectionId) {
        return DecisionRecord.<DecisionRecord>list("objectionId = ?1 order by createdAt", objectionId).stream()
                .map(r -> r.id).toList();
    }

    /** How many decisions this caller made (the demo data's, to number its next cases). */
    public long countByCaller(String caller) {
        return DecisionRecord.count("caller", caller);
    }

    /** The family's most recent audited requests, newest first. */
    public List<AuditedRequest> recentRequests(String family, int limit) {
        // The request and what names it, not the entity: the answer, hashes and columns are not replayed.
        return DecisionRecord.getEntityManager().createQuery("select d.id, d.caseId, d.policyVersion, d.requestJson "
                        + "from DecisionRecord d where d.family = :family order by d.createdAt desc, d.id desc", Object[].class)
                .setParameter("family", family).setMaxResults(limit).getResultStream()
                .map(r -> new AuditedRequest((String) r[0], (String) r[1], ((Number) r[2]).intValue(), (String) r[3])).toList();
    }

    /** Where a decision stands in its family's time order: its id and time, nothing of its content. */
    public record Placed(String decisionId, java.time.Instant decidedAt) {
    }

    /**
     * A page of the family's decisions made from {@code from} (inclusive) to {@code to} (exclusive), oldest first (by
     * time, then id), those after {@code after} (null: from the first). Keyset pages, so that a caller joining its own
     * records to a long period reads it in bounded steps along {@code (family, created_at, id)}.
     */
    public List<Placed> decidedIn(String family, java.time.Instant from, java.time.Instant to, Placed after, int limit) {
        String page = after == null ? "" : " and (d.createdAt > :afterAt or (d.createdAt = :afterAt and d.id > :afterId))";
        var query = DecisionRecord.getEntityManager().createQuery("select d.id, d.createdAt from DecisionRecord d "
                        + "where d.family = :family and d.createdAt >= :from and d.createdAt < :to" + page
                        + " order by d.createdAt, d.id", Object[].class)
                .setParameter("family", family).setParameter("from", from).setParameter("to", to);
        if (after != null) query.setParameter("afterAt", after.decidedAt()).setParameter("afterId", after.decisionId());
        return query.setMaxResults(limit).getResultStream()
                .map(r -> new Placed((String) r[0], (java.time.Instant) r[1])).toList();
    }

    /** The decisions with these ids, with the facts and answer as exchanged, in no particular order. */
    public List<DecisionView> withContent(java.util.Collection<String> decisionIds) {
        if (decisionIds.isEmpty()) return List.of();
        List<DecisionView> views = new java.util.ArrayList<>(decisionIds.size());
        List<String> ids = List.copyOf(decisionIds);
        // in chunks: a database bounds the parameters of one statement
        for (int from = 0; from < ids.size(); from += 1000) {
            DecisionRecord.<DecisionRecord>list("id in ?1", ids.subList(from, Math.min(ids.size(), from + 1000)))
                    .forEach(r -> views.add(DecisionView.of(r, json, true)));
        }
        return views;
    }
}
