package com.lexrule.review;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ValidationException;

import com.lexrule.audit.DecisionRecord;
import com.lexrule.problem.ConflictProblem;
import com.lexrule.problem.NotFoundProblem;

/**
 * Officers' final decisions and objections, both kept as an append-only history of each assessment.
 */
@ApplicationScoped
public class AccountabilityService {

    /** The result of recording an officer's decision: the entry, and whether it is new. */
    public record Recorded(OfficerDecision entry, boolean created) {
    }

    @Transactional
    public Recorded recordOfficerDecision(String decisionId, OfficerDecisionRequest request, String recordedBy) {
        DecisionRecord decision = decision(decisionId);
        boolean agrees = request.taken().equals(decision.recommendation);
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
        if (!agrees && reason == null) {
            throw new ValidationException("reason: 偏离系统建议（" + decision.recommendation
                    + "）时须说明理由 (a reason is required when the decision departs from the recommendation)");
        }
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
        entry.recordedBy = recordedBy;
        entry.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.persist();
        return new Recorded(entry, true);
    }

    @Transactional
    public Objection recordObjection(String decisionId, ObjectionRequest request, String recordedBy) {
        decision(decisionId);
        Objection objection = new Objection();
        objection.id = UUID.randomUUID().toString();
        objection.decisionId = decisionId;
        objection.objector = request.objector();
        objection.objectorRole = request.objectorRole().name();
        objection.grounds = request.grounds();
        objection.recordedBy = recordedBy;
        objection.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        objection.persist();
        return objection;
    }

    @Transactional
    public ObjectionOutcome decideObjection(String objectionId, ObjectionOutcomeRequest request, String decidedBy) {
        Objection objection = Objection.findById(objectionId);
        if (objection == null) {
            throw new NotFoundProblem("异议 " + objectionId + " 不存在 (no such objection)");
        }
        if (ObjectionOutcome.count("objectionId", objectionId) > 0) {
            throw new ConflictProblem("异议 " + objectionId + " 已有处理结果，不得更改 (the objection was already decided)");
        }
        if (request.reassessmentId() != null) {
            DecisionRecord reassessment = DecisionRecord.findById(request.reassessmentId());
            if (reassessment == null || !objectionId.equals(reassessment.objectionId)) {
                throw new ValidationException("reassessmentId: 须为针对本异议作出的重新评估 (must be an assessment made with "
                        + "objectionId=" + objectionId + ")");
            }
        }
        ObjectionOutcome outcome = new ObjectionOutcome();
        outcome.id = UUID.randomUUID().toString();
        outcome.objectionId = objectionId;
        outcome.outcome = request.outcome().name();
        outcome.reason = request.reason();
        outcome.reassessmentId = request.reassessmentId();
        outcome.decidedBy = decidedBy;
        outcome.decidedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        outcome.persist();
        return outcome;
    }

    public List<OfficerDecision> officerDecisions(String decisionId) {
        return OfficerDecision.list("decisionId = ?1 order by recordedAt", decisionId);
    }

    public List<Objection> objections(String decisionId) {
        return Objection.list("decisionId = ?1 order by recordedAt", decisionId);
    }

    public ObjectionOutcome outcomeOf(String objectionId) {
        return ObjectionOutcome.find("objectionId", objectionId).firstResult();
    }

    private static OfficerDecision latestOfficerDecision(String decisionId) {
        return OfficerDecision.<OfficerDecision>find("decisionId = ?1 order by recordedAt desc", decisionId).firstResult();
    }

    private static DecisionRecord decision(String decisionId) {
        DecisionRecord decision = DecisionRecord.findById(decisionId);
        if (decision == null) {
            throw new NotFoundProblem("决定 " + decisionId + " 不存在 (no such decision)");
        }
        return decision;
    }
}
