package com.lexrule.arrest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.audit.DecisionRecorder;
import com.lexrule.engine.Finding;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.engine.ScoreFactor;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.responsibility.CriminalResponsibility;

/**
 * Decides an arrest assessment under the policy in force (or the one pinned), and records it before it is answered
 * (no transaction is held: the audit writer commits the record in its own batch).
 */
@ApplicationScoped
public class ArrestService {

    static final String DANGER_INDICATOR = "DANGER_INDICATOR";
    static final String MITIGATION = "MITIGATION";

    private final PolicyRegistry registry;
    private final PolicyEvaluator evaluator;
    private final DecisionRecorder recorder;

    public ArrestService(PolicyRegistry registry, PolicyEvaluator evaluator, DecisionRecorder recorder) {
        this.registry = registry;
        this.evaluator = evaluator;
        this.recorder = recorder;
    }

    public ArrestAssessment assess(ArrestRequest request, Integer pinnedVersion, String caller) {
        CompiledPolicy policy = registry.resolve(ArrestFamily.NAME, pinnedVersion);
        ArrestAssessment answer = evaluate(policy, request, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        recorder.record(new DecisionRecorder.Entry(answer.decisionId(), ArrestFamily.NAME, request.caseId(),
                request.subjectId(), request.stage() == null ? null : request.stage().name(),
                policy.version().version(), policy.version().sha256(),
                answer.legalCategory() + "/" + answer.color() + "/" + answer.recommendedMeasure(),
                answer.recommendedMeasure(), answer.color(), request.crimeType(), request, answer, caller, answer.decidedAt()));
        return answer;
    }

    /** Evaluation alone, without the audit write: also what the benchmark and re-assessments use. */
    public ArrestAssessment evaluate(CompiledPolicy policy, ArrestRequest request, String decisionId, Instant decidedAt) {
        new CodeCheck(policy.catalog())
                .code("crimeType", ArrestFamily.CRIME_TYPES, request.crimeType())
                .codes("dangerIndicators", ArrestFamily.DANGER_INDICATORS, request.dangerIndicators())
                .codes("mitigations", ArrestFamily.MITIGATIONS, request.mitigations())
                .codes("specialCircumstances", ArrestFamily.SPECIAL_CIRCUMSTANCES, request.specialCircumstances())
                .orThrow(policy.version());

        CriminalResponsibility responsibility = new CriminalResponsibility(request.age(),
                ArrestFamily.ageOfResponsibility(policy.catalog(), request.crimeType()), request.injuryOutcome(),
                request.sppApprovalForProsecution());
        ArrestCase theCase = new ArrestCase(request, ArrestFamily.statutoryMaximum(policy.catalog(), request.crimeType()).band(),
                responsibility.isEstablished());
        ArrestDecision decision = new ArrestDecision();
        List<Object> facts = new ArrayList<>();
        facts.add(theCase);
        facts.add(responsibility);
        facts.add(decision);
        // A code sent twice is one fact of the case, weighed once.
        for (String code : new LinkedHashSet<>(request.dangerIndicators())) {
            facts.add(new ScoreFactor(DANGER_INDICATOR, code, request.crimeType()));
        }
        for (String code : new LinkedHashSet<>(request.mitigations())) {
            facts.add(new ScoreFactor(MITIGATION, code, request.crimeType()));
        }
        List<Finding> findings = evaluator.evaluate(policy, facts);
        if (!decision.isDecided()) {
            throw new IllegalStateException("arrest policy v" + policy.version().version()
                    + " has no color band for threshold score " + decision.getThresholdScore());
        }
        return new ArrestAssessment(decisionId, PolicyRef.of(policy.version()), request.caseId(), request.subjectId(),
                request.stage(), decision.getLegalCategory(), decision.getScore(), decision.getColor(),
                decision.getRecommendedMeasure(), findings, missingFacts(request, theCase, responsibility, decision), decidedAt);
    }

    /** Optional facts the caller left out that could have changed this outcome. */
    private static List<String> missingFacts(ArrestRequest request, ArrestCase theCase, CriminalResponsibility responsibility,
                                             ArrestDecision decision) {
        List<String> missing = new ArrayList<>();
        if (!theCase.isStatedEvidenceOfCrime()) {
            return missing;
        }
        // Until the facts CL 17 turns on are stated, nothing else can change the answer; once they are, the others may.
        missing.addAll(responsibility.missingFacts());
        if (!theCase.isEvidenceOfCrime() && missing.isEmpty()) {
            return missing;
        }
        boolean imprisonmentPossible = SentenceBand.ofCode(theCase.getSentence()).compareTo(SentenceBand.UP_TO_3_YEARS) >= 0;
        if (imprisonmentPossible && !"SHALL_ARREST".equals(decision.getLegalCategory())) {
            if (request.priorIntentionalCrime() == null) missing.add("priorIntentionalCrime");
            if (request.identityUnknown() == null) missing.add("identityUnknown");
        }
        if ("ARREST_CONDITIONS_NOT_MET".equals(decision.getLegalCategory()) && request.violatedBailConditions() == null) {
            missing.add("violatedBailConditions");
        }
        return missing;
    }
}
