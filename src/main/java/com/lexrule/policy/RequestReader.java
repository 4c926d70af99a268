package com.lexrule.policy;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a request given as JSON (a scenario, an audited request, a review row) into a family's request record and
 * validates it exactly as the REST boundary would, for the assessment pipeline's trials ({@link FamilyEvaluator}).
 */
@ApplicationScoped
public class RequestReader {

    private final ObjectMapper json;
    private final Validator validator;

    public RequestReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * @throws IllegalArgumentException when the JSON does not fit the record
     * @throws ConstraintViolationException when the record is invalid
     */
    public <T> T read(JsonNode request, Class<T> type) {
        T facts;
        try {
            facts = json.treeToValue(request, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("请求无法读取 (unreadable request): " + e.getOriginalMessage(), e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(facts);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return facts;
    }

    public JsonNode tree(Object answer) {
        return json.valueToTree(answer);
    }
}
