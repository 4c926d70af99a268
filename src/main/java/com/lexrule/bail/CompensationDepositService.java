package com.lexrule.bail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.audit.DecisionRecorder;
import com.lexrule.engine.Finding;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;

/**
 * Decides whether a compensation deposit may be used in a light crime, and its amount, under the bail policy in
 * force (or the one pinned); records the decision with the answer.
 */
@ApplicationScoped
public class CompensationDepositService {

    private final PolicyRegistry registry;
    private final PolicyEvaluator evaluator;
    private final DecisionRecorder recorder;

    public CompensationDepositService(PolicyRegistry registry, PolicyEvaluator evaluator, DecisionRecorder recorder) {
        this.registry = registry;
        this.evaluator = evaluator;
        this.recorder = recorder;
    }

    public CompensationDepositAssessment assess(CompensationDepositRequest request, Integer pinnedVersion, String caller) {
        CompiledPolicy policy = registry.resolve(BailFamily.NAME, pinnedVersion);
        CompensationDepositAssessment answer = evaluate(policy, request, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        recorder.record(new DecisionRecorder.Entry(answer.decisionId(), BailFamily.NAME, request.caseId(),
                request.subjectId(), null, policy.version().version(), policy.version().sha256(),
                answer.eligible() ? "COMPENSATION_DEPOSIT/" + answer.depositAmount().toPlainString() : "COMPENSATION_DEPOSIT/NOT_ELIGIBLE",
                null, null, request.crimeType(), request, answer, caller, answer.decidedAt()));
        return answer;
    }

    public CompensationDepositAssessment evaluate(CompiledPolicy policy, CompensationDepositRequest request, String decisionId,
                                                 Instant decidedAt) {
        new CodeCheck(policy.catalog()).code("crimeType", BailFamily.CRIME_TYPES, request.crimeType()).orThrow(policy.version());
        CompensationCase theCase = new CompensationCase(request);
        CompensationDecision decision = new CompensationDecision();
        List<Finding> findings = evaluator.evaluate(policy, List.of(theCase, decision));
        if (decision.isEligible() && (decision.getAmount() == null || !decision.getAmount().isComputed())) {
            throw new IllegalStateException("bail policy v" + policy.version().version()
                    + " gave no compensation deposit amount for " + request.crimeType());
        }
        return new CompensationDepositAssessment(decisionId, PolicyRef.of(policy.version()), request.caseId(),
                request.subjectId(), decision.isEligible(), decision.isEligible() ? decision.getAmount().getAmount() : null,
                Money.CURRENCY, List.copyOf(decision.getEffects()), findings, missingFacts(request), decidedAt);
    }

    private static List<String> missingFacts(CompensationDepositRequest request) {
        List<String> missing = new ArrayList<>();
        if (request.victimReachable() == null) missing.add("victimReachable");
        // Whether the victim asks too much matters only for a victim who can be reached.
        if (request.victimDemandsExcessive() == null && !Boolean.FALSE.equals(request.victimReachable())) {
            missing.add("victimDemandsExcessive");
        }
        if (request.subjectWilling() == null) missing.add("subjectWilling");
        return missing;
    }
}
