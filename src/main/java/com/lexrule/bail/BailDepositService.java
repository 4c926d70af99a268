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
import com.lexrule.responsibility.CriminalResponsibility;

/**
 * Decides the guarantee method and bail deposit under the bail policy in force (or the one pinned), and records
 * the decision before it is answered (no transaction is held: the audit writer commits the record in its own batch).
 */
@ApplicationScoped
public class BailDepositService {

    private final PolicyRegistry registry;
    private final PolicyEvaluator evaluator;
    private final DecisionRecorder recorder;
    private final ArrestColorLink arrestColor;

    public BailDepositService(PolicyRegistry registry, PolicyEvaluator evaluator, DecisionRecorder recorder,
                              ArrestColorLink arrestColor) {
        this.registry = registry;
        this.evaluator = evaluator;
        this.recorder = recorder;
        this.arrestColor = arrestColor;
    }

    public BailDepositAssessment assess(BailDepositRequest request, Integer pinnedVersion, String caller) {
        CompiledPolicy policy = registry.resolve(BailFamily.NAME, pinnedVersion);
        new CodeCheck(policy.catalog()).code("crimeType", BailFamily.CRIME_TYPES, request.crimeType()).orThrow(policy.version());
        DangerColor color = request.dangerColor() != null ? request.dangerColor()
                : arrestColor.colorOf(request.arrestDecisionId(), request.caseId(), request.subjectId());
        BailDepositAssessment answer = evaluate(policy, request, color, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        recorder.record(new DecisionRecorder.Entry(answer.decisionId(), BailFamily.NAME, request.caseId(),
                request.subjectId(), null, policy.version().version(), policy.version().sha256(), outcome(answer),
                answer.guaranteeMethod(), color == null ? null : color.name(), request.crimeType(), request, answer, caller, answer.decidedAt()));
        return answer;
    }

    /** Evaluation alone, without the audit write; the color is already resolved. */
    public BailDepositAssessment evaluate(CompiledPolicy policy, BailDepositRequest request, DangerColor color,
                                         String decisionId, Instant decidedAt) {
        new CodeCheck(policy.catalog()).code("crimeType", BailFamily.CRIME_TYPES, request.crimeType()).orThrow(policy.version());
        BailCase theCase = new BailCase(request, color, BailFamily.propertyCrime(policy.catalog(), request.crimeType()));
        CriminalResponsibility responsibility = new CriminalResponsibility(request.age(),
                BailFamily.ageOfResponsibility(policy.catalog(), request.crimeType()), request.injuryOutcome(),
                request.sppApprovalForProsecution());
        BailDecision decision = new BailDecision();
        List<Finding> findings = evaluator.evaluate(policy, List.of(theCase, responsibility, decision));
        DepositRange deposit = null;
        if ("DEPOSIT".equals(decision.getGuaranteeMethod())) {
            DepositAmount amount = decision.getDeposit();
            if (amount == null || !amount.isComputed()) {
                throw new IllegalStateException("bail policy v" + policy.version().version()
                        + " gave no deposit amount for " + request.crimeType() + "/" + request.expectedSentence().code());
            }
            deposit = amount.range();
        }
        return new BailDepositAssessment(decisionId, PolicyRef.of(policy.version()), request.caseId(), request.subjectId(),
                color.name(), request.dangerColor() == null ? request.arrestDecisionId() : null,
                decision.isBailRecommended(), decision.getRecommendedMeasure(), decision.getGuaranteeMethod(), deposit,
                findings, missingFacts(request, theCase, responsibility, decision), decidedAt);
    }

    /** Optional facts the caller left out that could have changed this outcome. */
    private static List<String> missingFacts(BailDepositRequest request, BailCase theCase, CriminalResponsibility responsibility,
                                             BailDecision decision) {
        List<String> missing = new ArrayList<>(responsibility.missingFacts());
        if (!responsibility.isEstablished() && missing.isEmpty()) {
            // not criminally responsible whatever else is stated
            return missing;
        }
        if (request.guarantorAvailable() == null) {
            missing.add("guarantorAvailable");
        }
        if (theCase.isPropertyCrime() && request.amountInvolved() == null && "DEPOSIT".equals(decision.getGuaranteeMethod())) {
            missing.add("amountInvolved");
        }
        return missing;
    }

    static String outcome(BailDepositAssessment answer) {
        String method = answer.guaranteeMethod() == null ? "NO_GUARANTEE" : answer.guaranteeMethod();
        String amount = answer.depositAmount() == null ? ""
                : "/" + answer.depositAmount().min().toPlainString() + "-" + answer.depositAmount().max().toPlainString();
        return answer.dangerColor() + "/" + answer.recommendedMeasure() + "/" + method + amount;
    }
}
