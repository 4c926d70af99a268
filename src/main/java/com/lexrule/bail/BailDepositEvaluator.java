package com.lexrule.bail;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.RequestReader;

/**
 * Bail-deposit requests as JSON, for scenario runs, back-tests and special reviews: validated as the REST boundary
 * would, never recorded. A request naming an arrest decision takes its color from the audit trail, as the endpoint
 * does. The grade is the guarantee method where bail is recommended with one, else the recommended measure
 * (residential surveillance when neither guarantor nor deposit can be had, arrest for a RED subject).
 */
@ApplicationScoped
public class BailDepositEvaluator implements FamilyEvaluator {

    private final BailDepositService service;
    private final ArrestColorLink arrestColor;
    private final RequestReader requests;

    public BailDepositEvaluator(BailDepositService service, ArrestColorLink arrestColor, RequestReader requests) {
        this.service = service;
        this.arrestColor = arrestColor;
        this.requests = requests;
    }

    @Override
    public String family() {
        return BailFamily.NAME;
    }

    @Override
    public String path() {
        return "/api/v1/assessments/bail-deposit";
    }

    /** The bail family's other endpoint, compensation deposits, is the one whose requests state an assessed loss. */
    @Override
    public boolean accepts(JsonNode request) {
        return !CompensationDepositEvaluator.isCompensationRequest(request);
    }

    @Override
    public Evaluation evaluate(CompiledPolicy policy, JsonNode request) {
        BailDepositRequest facts = requests.read(request, BailDepositRequest.class);
        DangerColor color = facts.dangerColor() != null ? facts.dangerColor()
                : arrestColor.colorOf(facts.arrestDecisionId(), facts.caseId(), facts.subjectId());
        BailDepositAssessment answer = service.evaluate(policy, facts, color, UUID.randomUUID().toString(), Instant.now());
        return new Evaluation(requests.tree(answer), BailDepositService.outcome(answer), grade(answer));
    }

    static String grade(BailDepositAssessment answer) {
        return answer.bailRecommended() && answer.guaranteeMethod() != null ? answer.guaranteeMethod() : answer.recommendedMeasure();
    }
}
