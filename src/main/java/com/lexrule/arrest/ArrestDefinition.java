package com.lexrule.arrest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.assessment.DecisionStamp;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.engine.Finding;
import com.lexrule.engine.MissingFacts;
import com.lexrule.engine.ScoreFactor;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.responsibility.CriminalResponsibility;

/**
 * The arrest assessment (DOMAIN §1) as the assessment pipeline decides it: the case with its crime's statutory
 * maximum and the subject's criminal responsibility (CL 17), one scoring fact per danger indicator and mitigation,
 * and the decision the rules write.
 */
@ApplicationScoped
public class ArrestDefinition implements FamilyDefinition<ArrestRequest, ArrestAssessment> {

    public static final String PATH = "/api/v1/assessments/arrest";
    static final String DANGER_INDICATOR = "DANGER_INDICATOR";
    static final String MITIGATION = "MITIGATION";

    @Override
    public String family() {
        return ArrestFamily.NAME;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<ArrestRequest> requestType() {
        return ArrestRequest.class;
    }

    @Override
    public void checkCodes(ArrestRequest request, CodeCheck codes) {
        codes.code("crimeType", ArrestFamily.CRIME_TYPES, request.crimeType())
                .codes("dangerIndicators", ArrestFamily.DANGER_INDICATORS, request.dangerIndicators())
                .codes("mitigations", ArrestFamily.MITIGATIONS, request.mitigations())
                .codes("specialCircumstances", ArrestFamily.SPECIAL_CIRCUMSTANCES, request.specialCircumstances());
    }

    @Override
    public Case<ArrestAssessment> facts(CompiledPolicy policy, ArrestRequest request) {
        CriminalResponsibility responsibility = new CriminalResponsibility(request.age(),
                ArrestFamily.ageOfResponsibility(policy.catalog(), request.crimeType()), request.injuryOutcome(),
                request.sppApprovalForProsecution());
        ArrestCase theCase = new ArrestCase(request, ArrestFamily.statutoryMaximum(policy.catalog(), request.crimeType()).band(),
                responsibility.isEstablished());
        return new Facts(policy, request, theCase, responsibility, new ArrestDecision(), MissingFacts.of(request));
    }

    @Override
    public String outcome(ArrestAssessment answer) {
        return answer.legalCategory() + "/" + answer.color() + "/" + answer.recommendedMeasure();
    }

    @Override
    public String grade(ArrestAssessment answer) {
        return answer.color();
    }

    @Override
    public AuditColumns columns(ArrestRequest request, ArrestAssessment answer) {
        return new AuditColumns(request.caseId(), request.subjectId(), request.stage() == null ? null : request.stage().name(),
                answer.recommendedMeasure(), answer.color(), request.crimeType());
    }

    private record Facts(CompiledPolicy policy, ArrestRequest request, ArrestCase theCase,
                         CriminalResponsibility responsibility, ArrestDecision decision, MissingFacts missing)
            implements Case<ArrestAssessment> {

        @Override
        public List<?> facts() {
            List<Object> facts = new ArrayList<>();
            facts.add(theCase);
            facts.add(responsibility);
            facts.add(decision);
            facts.add(missing);
            // A code sent twice is one fact of the case, weighed once.
            for (String code : new LinkedHashSet<>(request.dangerIndicators())) {
                facts.add(new ScoreFactor(DANGER_INDICATOR, code, request.crimeType()));
            }
            for (String code : new LinkedHashSet<>(request.mitigations())) {
                facts.add(new ScoreFactor(MITIGATION, code, request.crimeType()));
            }
            return facts;
        }

        @Override
        public ArrestAssessment answer(DecisionStamp stamp, List<Finding> findings) {
            if (!decision.isDecided()) {
                throw new IllegalStateException("arrest policy v" + policy.version().version()
                        + " has no color band for threshold score " + decision.getThresholdScore());
            }
            return new ArrestAssessment(stamp.decisionId(), stamp.recorded(), stamp.policy(), request.caseId(), request.subjectId(),
                    request.stage(), LegalCategory.valueOf(decision.getLegalCategory()), decision.getScore(), decision.getColor(),
                    decision.getRecommendedMeasure(), findings, missing.named(), stamp.decidedAt(), stamp.counterfactuals());
        }
    }
}
