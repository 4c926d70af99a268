package com.lexrule.bail;

import java.util.ArrayList;
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
 * Whether a compensation deposit may be used in a light crime, and its amount (DOMAIN §3), as the assessment
 * pipeline decides it under the bail policy. The grade is {@code ELIGIBLE} or {@code NOT_ELIGIBLE}, so that a
 * back-test names its transitions in words rather than true→false.
 */
@ApplicationScoped
public class CompensationDepositDefinition implements FamilyDefinition<CompensationDepositRequest, CompensationDepositAssessment> {

    public static final String PATH = "/api/v1/assessments/compensation-deposit";
    public static final String ELIGIBLE = "ELIGIBLE";
    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

    @Override
    public String family() {
        return BailFamily.NAME;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<CompensationDepositRequest> requestType() {
        return CompensationDepositRequest.class;
    }

    /** Only a compensation-deposit request states the victim's assessed loss; a bail-deposit request never does. */
    static boolean isCompensationRequest(JsonNode request) {
        return request != null && request.has("assessedLoss");
    }

    @Override
    public boolean accepts(JsonNode request) {
        return isCompensationRequest(request);
    }

    @Override
    public void checkCodes(CompensationDepositRequest request, CodeCheck codes) {
        codes.code("crimeType", BailFamily.CRIME_TYPES, request.crimeType());
    }

    @Override
    public Case<CompensationDepositAssessment> facts(CompiledPolicy policy, CompensationDepositRequest request) {
        // CL 17 is weighed only for a stated age; an absent one is named in missingFacts.
        CriminalResponsibility responsibility = request.age() == null ? null : new CriminalResponsibility(request.age(),
                BailFamily.ageOfResponsibility(policy.catalog(), request.crimeType()), request.injuryOutcome(),
                request.sppApprovalForProsecution());
        return new Facts(policy, request, new CompensationCase(request), new CompensationDecision(), responsibility,
                MissingFacts.of(request));
    }

    @Override
    public String outcome(CompensationDepositAssessment answer) {
        return answer.eligible() ? "COMPENSATION_DEPOSIT/" + answer.depositAmount().toPlainString() : "COMPENSATION_DEPOSIT/NOT_ELIGIBLE";
    }

    @Override
    public String grade(CompensationDepositAssessment answer) {
        return answer.eligible() ? ELIGIBLE : NOT_ELIGIBLE;
    }

    @Override
    public AuditColumns columns(CompensationDepositRequest request, CompensationDepositAssessment answer) {
        return new AuditColumns(request.caseId(), request.subjectId(), null, null, null, request.crimeType());
    }

    private record Facts(CompiledPolicy policy, CompensationDepositRequest request, CompensationCase theCase,
                         CompensationDecision decision, CriminalResponsibility responsibility, MissingFacts missing)
            implements Case<CompensationDepositAssessment> {

        @Override
        public List<?> facts() {
            List<Object> facts = new ArrayList<>(4);
            facts.add(theCase);
            facts.add(decision);
            facts.add(missing);
            if (responsibility != null) facts.add(responsibility);
            return facts;
        }

        @Override
        public CompensationDepositAssessment answer(DecisionStamp stamp, List<Finding> findings) {
            if (decision.isEligible() && (decision.getAmount() == null || !decision.getAmount().isComputed())) {
                throw new IllegalStateException("bail policy v" + policy.version().version()
                        + " gave no compensation deposit amount for " + request.crimeType());
            }
            return new CompensationDepositAssessment(stamp.decisionId(), stamp.recorded(), stamp.policy(), request.caseId(),
                    request.subjectId(), decision.isEligible(), decision.isEligible() ? decision.getAmount().getAmount() : null,
                    Money.CURRENCY, List.copyOf(decision.getEffects()), findings, missing.named(), stamp.decidedAt(), stamp.counterfactuals());
        }
    }
}
