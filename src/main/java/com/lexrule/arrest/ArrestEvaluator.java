package com.lexrule.arrest;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.RequestReader;

/** Arrest requests as JSON, for scenario runs and back-tests: validated as the REST boundary would, never recorded. */
@ApplicationScoped
public class ArrestEvaluator implements FamilyEvaluator {

    private final ArrestService service;
    private final RequestReader requests;

    public ArrestEvaluator(ArrestService service, RequestReader requests) {
        this.service = service;
        this.requests = requests;
    }

    @Override
    public String family() {
        return ArrestFamily.NAME;
    }

    @Override
    public String path() {
        return "/api/v1/assessments/arrest";
    }

    @Override
    public Evaluation evaluate(CompiledPolicy policy, JsonNode request) {
        ArrestRequest facts = requests.read(request, ArrestRequest.class);
        ArrestAssessment answer = service.evaluate(policy, facts, UUID.randomUUID().toString(), Instant.now());
        return new Evaluation(requests.tree(answer),
                answer.legalCategory() + "/" + answer.color() + "/" + answer.recommendedMeasure(), answer.color());
    }
}
