package com.lexrule.bail;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.assessment.DecisionStamp;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.engine.Finding;
import com.lexrule.engine.MissingFacts;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.responsibility.CriminalResponsibility;

/**
 * The guarantee method and bail deposit (DOMAIN §3) as the assessment pipeline decides them. A request naming an
 * arrest decision takes its danger color from the audit trail ({@link ArrestColorLink}), at the endpoint and in
 * scenario runs, back-tests and special reviews alike. The grade is the guarantee method where bail is recommended
 * with one, else the recommended measure (residential surveillance when neither guarantor nor deposit can be had,
 * arrest for a RED subject).
 */
@ApplicationScoped
public class BailDepositDefinition implements FamilyDefinition<BailDepositRequest, BailDepositAssessment> {

    public static final String PATH = "/api/v1/assessments/bail-deposit";

    private final ArrestColorLink arrestColor;

    public BailDepositDefinition(ArrestColorLink arrestColor) {
        this.arrestColor = arrestColor;
    }

    @Override
    public String family() {
        return BailFamily.NAME;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<BailDepositRequest> requestType() {
        return BailDepositRequest.class;
    }

    /** The bail family's other endpoint, compensation deposits, is the one whose requests state an assessed loss. */
    @Override
    public boolean accepts(JsonNode request) {
        return !CompensationDepositDefinition.isCompensationRequest(request);
    }

    @Override
    public void checkCodes(BailDepositRequest request, CodeCheck codes) {
        codes.code("crimeType", BailFamily.CRIME_TYPES, request.crimeType())
                .code("dangerColor", BailFamily.DANGER_COLORS, request.dangerColor())
                .code("economicStatus", BailFamily.ECONOMIC_STATUSES, request.economicStatus())
                .code("requestedGuaranteeMethod", BailFamily.GUARANTEE_METHODS, request.requestedGuaranteeMethod());
    }

    @Override
    public Case<BailDepositAssessment> facts(CompiledPolicy policy, BailDepositRequest request) {
        String color = request.dangerColor();
        if (color == null) {
            // the arrest family's color, as recorded, must be one this bail policy prices
            color = arrestColor.colorOf(request.arrestDecisionId(), request.caseId(), request.subjectId());
            new CodeCheck(policy.catalog()).code("arrestDecisionId", BailFamily.DANGER_COLORS, color).orThrow(policy.version());
        }
        BailCase theCase = new BailCase(request, color, BailFamily.propertyCrime(policy.catalog(), request.crimeType()));
        CriminalResponsibility responsibility = new CriminalResponsibility(request.age(),
                BailFamily.ageOfResponsibility(policy.catalog(), request.crimeType()), request.injuryOutcome(),
                request.sppApprovalForProsecution());
        return new Facts(policy, request, color, theCase, responsibility, new BailDecision(), MissingFacts.of(request));
    }

    @Override
    public String outcome(BailDepositAssessment answer) {
        String method = answer.guaranteeMethod() == null ? "NO_GUARANTEE" : answer.guaranteeMethod();
        String amount = answer.depositAmount() == null ? ""
                : "/" + answer.depositAmount().min().toPlainString() + "-" + answer.depositAmount().max().toPlainString();
        return answer.dangerColor() + "/" + answer.recommendedMeasure() + "/" + method + amount;
    }

    @Override
    public String grade(BailDepositAssessment answer) {
        return answer.bailRecommended() && answer.guaranteeMethod() != null ? answer.guaranteeMethod() : answer.recommendedMeasure();
    }

    /** The color recorded is the one decided with, stated or taken from the arrest decision. */
    @Override
    public AuditColumns columns(BailDepositRequest request, BailDepositAssessment answer) {
        return new AuditColumns(request.caseId(), request.subjectId(), null, answer.guaranteeMethod(), answer.dangerColor(),
                request.crimeType());
    }

    private record Facts(CompiledPolicy policy, BailDepositRequest request, String color, BailCase theCase,
                         CriminalResponsibility responsibility, BailDecision decision, MissingFacts missing)
            implements Case<BailDepositAssessment> {

        @Override
        public List<?> facts() {
            return List.of(theCase, responsibility, decision, missing);
        }

        @Override
        public BailDepositAssessment answer(DecisionStamp stamp, List<Finding> findings) {
            DepositRange deposit = null;
            if ("DEPOSIT".equals(decision.getGuaranteeMethod())) {
                DepositAmount amount = decision.getDeposit();
                if (amount == null || !amount.isComputed()) {
                    throw new IllegalStateException("bail policy v" + policy.version().version()
                            + " gave no deposit amount for " + request.crimeType() + "/" + request.expectedSentence().code());
                }
                deposit = amount.range();
            }
            return new BailDepositAssessment(stamp.decisionId(), stamp.recorded(), stamp.policy(), request.caseId(), request.subjectId(),
                    color, request.dangerColor() == null ? request.arrestDecisionId() : null,
                    decision.isBailRecommended(), decision.getRecommendedMeasure(), decision.getGuaranteeMethod(), deposit,
                    findings, missing.named(), stamp.decidedAt(), stamp.counterfactuals());
        }
    }
}
