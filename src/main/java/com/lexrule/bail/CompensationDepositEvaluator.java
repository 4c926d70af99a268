package com.lexrule.bail;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.RequestReader;

/**
 * Compensation-deposit requests as JSON, for scenario runs, back-tests and special reviews: validated as the REST
 * boundary would, never recorded. The grade is {@code ELIGIBLE} or {@code NOT_ELIGIBLE}, so that a back-test names
 * its transitions in words rather than true→false.
 */
@ApplicationScoped
public class CompensationDepositEvaluator implements FamilyEvaluator {

    public static final String ELIGIBLE = "ELIGIBLE";
    public static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

    private final CompensationDepositService service;
    private final RequestReader requests;

    public CompensationDepositEvaluator(CompensationDepositService service, RequestReader requests) {
        this.service = service;
        this.requests = requests;
    }

    @Override
    public String family() {
        return BailFamily.NAME;
    }

    @Override
    public String path() {
        return "/api/v1/assessments/compensation-deposit";
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
    public Evaluation evaluate(CompiledPolicy policy, JsonNode request) {
        CompensationDepositRequest facts = requests.read(request, CompensationDepositRequest.class);
        CompensationDepositAssessment answer = service.evaluate(policy, facts, UUID.randomUUID().toString(), Instant.now());
        String outcome = answer.eligible() ? "COMPENSATION_DEPOSIT/" + answer.depositAmount().toPlainString()
                : "COMPENSATION_DEPOSIT/NOT_ELIGIBLE";
        return new Evaluation(requests.tree(answer), outcome, answer.eligible() ? ELIGIBLE : NOT_ELIGIBLE);
    }
}
