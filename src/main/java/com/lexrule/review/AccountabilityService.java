package com.lexrule.review;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.validation.ValidationException;

import com.lexrule.audit.AuditChainHead;
import com.lexrule.audit.AuditChains;
import com.lexrule.audit.ChainedEntity;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.audit.EventOutbox;
import com.lexrule.audit.EventData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ConflictProblem;
import com.lexrule.problem.NotFoundProblem;

/**
 * Officers' final decisions and objections, both kept as an append-only history of each assessment, each in a
 * keyed chain of its own. Every write first locks its chain's head: writes of one kind are a line, and what is read
 * after the lock (the latest entry, an earlier outcome) is the committed state, so a decision's history cannot fork.
 * The database's unique keys stand behind the lock; a write that loses anyway is a 409, never a fork or a 500.
 */
@ApplicationScoped
public class AccountabilityService {

    /** The catalog sheet, in each family's catalog workbook, of the codes an officer's final decision may take. */
    static final String OUTCOMES_CATALOG = "outcomes";
    /** Unique violation, the same SQLSTATE on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final AuditChains chains;
    private final PolicyRegistry policies;
    private final DecisionLedger ledger;
    private final AgreementRollup rollup;
    private final EventOutbox outbox;
    private final ObjectMapper json;

    private final Clock clock;

    public AccountabilityService(AuditChains chains, PolicyRegistry policies, DecisionLedger ledger, AgreementRollup rollup,
                                 EventOutbox outbox, ObjectMapper json, Clock clock) {
        this.outbox = outbox;
        this.json = json;
        this.chains = chains;
        this.policies = policies;
        this.ledger = ledger;
        this.rollup = rollup;
        this.clock = clock;
    }

    /** The result of recording an officer's decision: the entry, and whether it is new. */
    public record Recorded(OfficerDecision entry, boolean created) {
    }

    @Transactional
    public Recorded recordOfficerDecision(String decisionId, OfficerDecisionRequest request, String recordedBy) {
        DecisionView decision = decision(decisionId);
        checkTaken(decision, request.taken());
        boolean agrees = request.taken().equals(decision.recommendation());
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
        if (!agrees && reason == null) {
            throw new ValidationException("reason: 偏离系统建议（" + decision.recommendation()
                    + "）时须说明理由 (a reason is required when the decision departs from the recommendation)");
        }
        AuditChainHead head = lock(AuditChains.OFFICER_DECISIONS);
        OfficerDecision latest = latestOfficerDecision(decisionId);
        if (latest != null && latest.taken.equals(request.taken()) && latest.officer.equals(request.officer())
                && Objects.equals(latest.reason, reason)) {
            return new Recorded(latest, false); // the same decision sent again is not a correction
        }
        OfficerDecision entry = new OfficerDecision();
        entry.id = UUID.randomUUID().toString();
        entry.decisionId = decisionId;
        entry.taken = request.taken();
        entry.agrees = agrees;
        entry.officer = request.officer();
        entry.reason = reason;
        entry.correctsId = latest == null ? null : latest.id;
        entry.revision = latest == null ? 1 : latest.revision + 1;
        entry.recordedBy = recordedBy;
        entry.recordedAt = now();
        chains.append(head, entry);
        persist(entry, "决定 " + decisionId + " 的最终决定已被同时更改，请读取最新记录后重试 "
                + "(the officer decision was changed concurrently; read the latest entry and retry)");
        rollup.record(decision, latest, entry);
        outbox.append(new EventData.OfficerDecisionRecorded(entry.id, decisionId, decision.family(), decision.caseId(),
                decision.subjectId(), decision.recommendation(), entry.taken, entry.agrees, entry.officer, entry.reason,
                entry.revision, entry.correctsId, entry.recordedAt).toEvent(json));
        return new Recorded(entry, true);
    }

    @Transactional
    public Objection recordObjection(String decisionId, ObjectionRequest request, String recordedBy) {
        decision(decisionId);
        AuditChainHead head = lock(AuditChains.OBJECTIONS);
        Objection objection = new Objection();
        objection.id = UUID.randomUUID().toString();
        objection.decisionId = decisionId;
        objection.objector = request.objector();
        objection.objectorRole = request.objectorRole().name();
        objection.grounds = request.grounds();
        objection.recordedBy = recordedBy;
        objection.recordedAt = now();
        chains.append(head, objection);
        persist(objection, "异议未能记录，请重试 (the objection was not recorded; retry)");
        return objection;
    }

    @Transactional
    public ObjectionOutcome decideObjection(String objectionId, ObjectionOutcomeRequest request, String decidedBy) {
        Objection objection = Objection.findById(objectionId);
        if (objection == null) {
            throw new NotFoundProblem("异议 " + objectionId + " 不存在 (no such objection)");
        }
        if (request.reassessmentId() != null) {
            if (ledger.find(request.reassessmentId()).filter(r -> objectionId.equals(r.objectionId())).isEmpty()) {
                throw new ValidationException("reassessmentId: 须为针对本异议作出的重新评估 (must be an assessment made with "
                        + "objectionId=" + objectionId + ")");
            }
        }
        AuditChainHead head = lock(AuditChains.OBJECTION_OUTCOMES);
        String alreadyDecided = "异议 " + objectionId + " 已有处理结果，不得更改 (the objection was already decided)";
        if (ObjectionOutcome.count("objectionId", objectionId) > 0) {
            throw new ConflictProblem(alreadyDecided);
        }
        ObjectionOutcome outcome = new ObjectionOutcome();
        outcome.id = UUID.randomUUID().toString();
        outcome.objectionId = objectionId;
        outcome.outcome = request.outcome().name();
        outcome.reason = request.reason();
        outcome.reassessmentId = request.reassessmentId();
        outcome.decidedBy = decidedBy;
        outcome.decidedAt = now();
        chains.append(head, outcome);
        persist(outcome, alreadyDecided);
        DecisionView decision = decision(objection.decisionId);
        outbox.append(new EventData.ObjectionDecided(objectionId, outcome.id, objection.decisionId, decision.family(),
                decision.caseId(), decision.subjectId(), objection.objectorRole, outcome.outcome, outcome.reason,
                outcome.reassessmentId, outcome.decidedAt).toEvent(json));
        return outcome;
    }

    public List<OfficerDecision> officerDecisions(String decisionId) {
        return OfficerDecision.list("decisionId = ?1 order by revision", decisionId);
    }

    public List<Objection> objections(String decisionId) {
        return Objection.list("decisionId = ?1 order by recordedAt", decisionId);
    }

    public ObjectionOutcome outcomeOf(String objectionId) {
        return ObjectionOutcome.find("objectionId", objectionId).firstResult();
    }

    /**
     * The code taken must be one the family's catalog lists among its outcomes: that of the policy version that
     * decided, or, for a version published before the catalogs listed outcomes, the version in force.
     */
    private void checkTaken(DecisionView decision, String taken) {
        CompiledPolicy deciding = policies.resolve(decision.family(), decision.policy().version());
        CompiledPolicy listing = deciding.catalog().has(OUTCOMES_CATALOG) ? deciding : policies.current(decision.family());
        new CodeCheck(listing.catalog()).code("taken", OUTCOMES_CATALOG, taken).orThrow(listing.version());
    }

    private AuditChainHead lock(String chain) {
        try {
            return chains.lock(chain);
        } catch (PessimisticLockException | LockTimeoutException e) {
            throw new ConflictProblem("记录繁忙，请重试 (another write to the " + chain + " chain held it too long; retry)");
        }
    }

    /** Writes now, so that a unique key the lock did not cover answers 409 here instead of a failed commit. */
    private void persist(ChainedEntity entity, String conflict) {
        try {
            entity.persistAndFlush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new ConflictProblem(conflict);
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private OfficerDecision latestOfficerDecision(String decisionId) {
        return OfficerDecision.<OfficerDecision>find("decisionId = ?1 order by revision desc", decisionId).firstResult();
    }

    private DecisionView decision(String decisionId) {
        return ledger.find(decisionId).orElseThrow(() -> new NotFoundProblem("决定 " + decisionId + " 不存在 (no such decision)"));
    }

    /** The database keeps microseconds: the time chained and hashed is the one read back. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
