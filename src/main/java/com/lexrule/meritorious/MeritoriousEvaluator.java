package com.lexrule.meritorious;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;

/**
 * Meritorious-service requests as JSON, for scenario runs, back-tests and special reviews: validated as the REST
 * boundary would, never recorded. The grade is the determination (立功 · 重大立功 · 不构成立功 · 证据不足).
 */
@ApplicationScoped
public class MeritoriousEvaluator implements FamilyEvaluator {

    private final MeritoriousService service;
    private final ObjectMapper json;
    private final Validator validator;

    public MeritoriousEvaluator(MeritoriousService service, ObjectMapper json, Validator validator) {
        this.service = service;
        this.json = json;
        this.validator = validator;
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
        MeritoriousRequest facts;
        try {
            facts = json.treeToValue(request, MeritoriousRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("请求无法读取 (unreadable request): " + e.getOriginalMessage(), e);
        }
        Set<ConstraintViolation<MeritoriousRequest>> violations = validator.validate(facts);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        MeritoriousAssessment answer = service.evaluate(policy, facts, UUID.randomUUID().toString(), Instant.now());
        return new Evaluation(json.valueToTree(answer), answer.determination(), answer.determination());
    }
}
