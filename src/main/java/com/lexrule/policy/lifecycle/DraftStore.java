package com.lexrule.policy.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.EventOutbox;
import com.lexrule.audit.EventData;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyNotifications;
import com.lexrule.policy.PolicyStore;
import com.lexrule.policy.PolicyVersion;

/** Drafts in the database, and the one transaction in which an approval publishes a version. */
@ApplicationScoped
public class DraftStore {

    private final PolicyStore versions;
    private final DecisionLedger ledger;
    private final EventOutbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final boolean postgres;

    public DraftStore(PolicyStore versions, DecisionLedger ledger, EventOutbox outbox, ObjectMapper json, Clock clock,
                      @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.postgres = PolicyNotifications.isPostgres(dbKind);
        this.versions = versions;
        this.ledger = ledger;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** A draft as read: its record and its complete bundle. */
    public record Draft(long id, String family, int baseVersion, DraftStatus status, String sha256, String note,
                        String problemsJson, String createdBy, Instant createdAt, String decidedBy, Instant decidedAt,
                        String decisionNote, LocalDate effectiveFrom, Integer publishedVersion, List<String> uploaded,
                        PolicyBundle bundle) {
    }

    /** One audited request, as the back-test replays it. */
    @Transactional
    public long create(String family, int baseVersion, PolicyBundle bundle, List<String> uploaded, DraftStatus status,
                       String problemsJson, String note, String author) {
        PolicyDraftEntity draft = new PolicyDraftEntity();
        draft.family = family;
        draft.baseVersion = baseVersion;
        draft.status = status;
        draft.sha256 = bundle.sha256();
        draft.note = note;
        draft.problemsJson = problemsJson;
        draft.createdBy = author;
        draft.createdAt = Instant.now(clock);
        for (PolicyFile file : bundle.files()) {
            PolicyDraftFileEntity stored = new PolicyDraftFileEntity();
            stored.draft = draft;
            stored.name = file.name();
            stored.content = file.content();
            stored.uploaded = uploaded.contains(file.name());
            draft.files.add(stored);
        }
        draft.persist();
        if (postgres && status == DraftStatus.VALID) {
            // At the commit, the other replicas compile it ahead of its approval (PolicyNotifications).
            PolicyDraftEntity.getEntityManager().createNativeQuery("SELECT pg_notify(?1, ?2)")
                    .setParameter(1, PolicyNotifications.CHANNEL).setParameter(2, PolicyNotifications.draftPayload(family, draft.id))
                    .getSingleResult();
        }
        return draft.id;
    }

    @Transactional
    public Optional<Draft> find(String family, long id) {
        return PolicyDraftEntity.<PolicyDraftEntity>find("id = ?1 and family = ?2", id, family).firstResultOptional()
                .map(DraftStore::toDraft);
    }

    @Transactional
    public List<Draft> list(String family) {
        return PolicyDraftEntity.<PolicyDraftEntity>list("family = ?1 order by id desc", family).stream()
                .map(DraftStore::toDraft).toList();
    }

    /**
     * Publishes the draft's stamped bundle as the next version and closes the draft, in one transaction. The draft is
     * closed only if it is still VALID, so that two approvers racing publish once.
     */
    @Transactional
    public Optional<PolicyVersion> approve(long id, PolicyBundle stamped, String approver, LocalDate effectiveFrom,
                                           String changeNote) {
        PolicyVersion version = publishNow(stamped, approver);
        int closed = PolicyDraftEntity.update("status = ?1, decidedBy = ?2, decidedAt = ?3, decisionNote = ?4, "
                        + "effectiveFrom = ?5, publishedVersion = ?6 where id = ?7 and status = ?8",
                DraftStatus.APPROVED, approver, Instant.now(clock), changeNote, effectiveFrom, version.version(), id, DraftStatus.VALID);
        if (closed != 1) {
            throw new AlreadyDecided();
        }
        return Optional.of(version);
    }

    /** Rejects a draft still open (VALID or INVALID); false when it was decided meanwhile. */
    @Transactional
    public boolean reject(long id, String approver, String reason) {
        return PolicyDraftEntity.update("status = ?1, decidedBy = ?2, decidedAt = ?3, decisionNote = ?4 "
                        + "where id = ?5 and status in (?6, ?7)",
                DraftStatus.REJECTED, approver, Instant.now(clock), reason, id, DraftStatus.VALID, DraftStatus.INVALID) == 1;
    }

    @Transactional
    public PolicyVersion publish(PolicyBundle bundle, String by) {
        return publishNow(bundle, by);
    }

    /**
     * Two replicas publishing the same family at the same moment both take max(version) + 1; the unique key on
     * (family, version) lets one win. Flushed here so the loser learns it as a conflict, not as a failed commit.
     */
    private PolicyVersion publishNow(PolicyBundle bundle, String by) {
        try {
            PolicyVersion version = versions.publish(bundle, by);
            PolicyDraftEntity.getEntityManager().flush();
            outbox.append(published(version));
            return version;
        } catch (jakarta.persistence.PersistenceException e) {
            if (uniqueViolation(e)) throw new PublicationConflict(e);
            throw e; // anything else (a value the database refuses, the database gone) is no conflict
        }
    }

    /** The publication's event, in the publication's transaction: a version that did not commit is not announced. */
    private EventOutbox.Event published(PolicyVersion version) {
        return new EventData.PolicyPublished(version.family(), version.version(), version.sha256(), version.effectiveFrom(),
                version.changeNote(), version.publishedBy(), version.publishedAt()).toEvent(json);
    }

    /** SQLSTATE 23505, unique_violation, on PostgreSQL and H2 alike: the (family, version) key was taken. */
    private static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) return true;
        }
        return false;
    }

    /** Another publication of the family took the same version number; the transaction rolls back. */
    static final class PublicationConflict extends RuntimeException {
        PublicationConflict(Throwable cause) {
            super("concurrent publication", cause);
        }
    }

    /** The family's most recent audited requests, newest first. */
    @Transactional
    public List<DecisionLedger.AuditedRequest> recentRequests(String family, int limit) {
        return ledger.recentRequests(family, limit);
    }

    /** Raised inside the approval transaction when the draft was decided meanwhile: the publication rolls back. */
    static final class AlreadyDecided extends RuntimeException {
        AlreadyDecided() {
            super("draft decided meanwhile");
        }
    }

    private static Draft toDraft(PolicyDraftEntity e) {
        List<PolicyFile> files = e.files.stream().map(f -> new PolicyFile(f.name, f.content)).toList();
        List<String> uploaded = e.files.stream().filter(f -> f.uploaded).map(f -> f.name).toList();
        return new Draft(e.id, e.family, e.baseVersion, e.status, e.sha256, e.note, e.problemsJson, e.createdBy, e.createdAt,
                e.decidedBy, e.decidedAt, e.decisionNote, e.effectiveFrom, e.publishedVersion, uploaded,
                new PolicyBundle(e.family, files));
    }
}
