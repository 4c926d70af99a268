package com.lexrule.meritorious;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.RequestReader;

/**
 * Meritorious-service requests as JSON, for scenario runs, back-tests and special reviews: validated as the REST
 * boundary would, never recorded. The grade is the determination (立功 · 重大立功 · 不构成立功 · 证据不足).
 */
@ApplicationScoped
public class MeritoriousEvaluator implements FamilyEvaluator {

    private final MeritoriousService service;
    private final RequestReader requests;

    public MeritoriousEvaluator(MeritoriousService service, RequestReader requests) {
        this.service = service;
        this.requests = requests;
    }

    @Override
    public String family() {
        return MeritoriousFamily.NAME;
    }

    @Override
    public String path() {
        return "/api/v1/assessments/meritorious-service";
    }

    @Override
    public Evaluation evaluate(CompiledPolicy policy, JsonNode request) {
        MeritoriousRequest facts = requests.read(request, MeritoriousRequest.class);
        MeritoriousAssessment answer = service.evaluate(policy, facts, UUID.randomUUID().toString(), Instant.now());
        return new Evaluation(requests.tree(answer), answer.determination(), answer.determination());
    }
}
