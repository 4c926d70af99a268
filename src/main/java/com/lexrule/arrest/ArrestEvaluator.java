package com.lexrule.arrest;

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

/** Arrest requests as JSON, for scenario runs and back-tests: validated as the REST boundary would, never recorded. */
@ApplicationScoped
public class ArrestEvaluator implements FamilyEvaluator {

    private final ArrestService service;
    private final ObjectMapper json;
    private final Validator validator;

    public ArrestEvaluator(ArrestService service, ObjectMapper json, Validator validator) {
        this.service = service;
        this.json = json;
        this.validator = validator;
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
        ArrestRequest facts;
        try {
            facts = json.treeToValue(request, ArrestRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("请求无法读取 (unreadable request): " + e.getOriginalMessage(), e);
        }
        Set<ConstraintViolation<ArrestRequest>> violations = validator.validate(facts);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        ArrestAssessment answer = service.evaluate(policy, facts, UUID.randomUUID().toString(), Instant.now());
        return new Evaluation(json.valueToTree(answer),
                answer.legalCategory() + "/" + answer.color() + "/" + answer.recommendedMeasure(), answer.color());
    }
}
