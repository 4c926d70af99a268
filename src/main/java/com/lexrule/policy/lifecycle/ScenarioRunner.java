package com.lexrule.policy.lifecycle;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.UnknownCodeException;

/**
 * Runs the scenario files of a bundle ({@code rules/scenarios/*.json}) in-process against a compiled policy: each
 * scenario is one case and the outcome the policy must give. Same reading as the scenario suite in the tests:
 * {@code firedRules} must all fire, {@code notFiredRules} must not, every other key must equal the answer's field
 * (numbers compared by value).
 */
@ApplicationScoped
public class ScenarioRunner {

    private final Evaluators evaluators;
    private final ObjectMapper json;

    public ScenarioRunner(Evaluators evaluators, ObjectMapper json) {
        this.evaluators = evaluators;
        this.json = json;
    }

    /** One expectation that was not met. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String field, JsonNode expected, JsonNode actual, String message) {
    }

    /** One scenario's result. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScenarioResult(String file, String name, boolean passed, String outcome, List<Difference> differences,
                                 String error) {
    }

    /** Every scenario of a bundle. */
    public record ScenarioReport(String family, int total, int passed, int failed, List<ScenarioResult> scenarios) {
        public List<ScenarioResult> failures() {
            return scenarios.stream().filter(s -> !s.passed()).toList();
        }
    }

    /**
     * @throws com.lexrule.problem.ProblemException 422 when a scenario file names an endpoint of the family that has
     *         no evaluator, so the scenarios cannot be run at all
     */
    public ScenarioReport run(CompiledPolicy policy) {
        String family = policy.family();
        List<ScenarioResult> results = new ArrayList<>();
        for (PolicyFile file : policy.bundle().scenarios()) {
            JsonNode suite;
            try {
                suite = json.readTree(file.content());
            } catch (IOException e) {
                results.add(new ScenarioResult(file.name(), null, false, null, List.of(), "情景文件不是有效的 JSON: " + e.getMessage()));
                continue;
            }
            String endpoint = suite.path("endpoint").asText();
            FamilyEvaluator evaluator = evaluators.forEndpoint(family, endpoint).orElseThrow(() -> Evaluators.missing(family,
                    "情景文件 " + file.name() + " 的 " + endpoint + " 无法运行 (scenarios for " + endpoint + " cannot run)"));
            for (JsonNode scenario : suite.path("scenarios")) {
                results.add(runOne(policy, evaluator, file.name(), scenario));
            }
        }
        int passed = (int) results.stream().filter(ScenarioResult::passed).count();
        return new ScenarioReport(family, results.size(), passed, results.size() - passed, List.copyOf(results));
    }

    private ScenarioResult runOne(CompiledPolicy policy, FamilyEvaluator evaluator, String file, JsonNode scenario) {
        String name = scenario.path("name").asText();
        FamilyEvaluator.Evaluation evaluation;
        try {
            evaluation = evaluator.evaluate(policy, scenario.path("request"));
        } catch (ConstraintViolationException e) {
            return new ScenarioResult(file, name, false, null, List.of(), "请求字段无效 (invalid request): " + e.getConstraintViolations()
                    .stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().toList());
        } catch (UnknownCodeException e) {
            return new ScenarioResult(file, name, false, null, List.of(), "未知代码 (unknown codes): " + e.unknownCodes().stream()
                    .map(u -> u.field() + "=" + u.value()).toList());
        } catch (RuntimeException e) {
            return new ScenarioResult(file, name, false, null, List.of(), "评估失败 (evaluation failed): " + e.getMessage());
        }
        JsonNode answer = evaluation.answer();
        Set<String> fired = firedRules(answer);
        List<Difference> differences = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> expected = scenario.path("expect").fields();
        while (expected.hasNext()) {
            Map.Entry<String, JsonNode> entry = expected.next();
            switch (entry.getKey()) {
                case "firedRules" -> entry.getValue().forEach(id -> {
                    if (!fired.contains(id.asText())) {
                        differences.add(new Difference("firedRules", id, json.valueToTree(fired), "规则 " + id.asText() + " 应触发而未触发 (expected to fire)"));
                    }
                });
                case "notFiredRules" -> entry.getValue().forEach(id -> {
                    if (fired.contains(id.asText())) {
                        differences.add(new Difference("notFiredRules", id, json.valueToTree(fired), "规则 " + id.asText() + " 不应触发而触发 (expected not to fire)"));
                    }
                });
                default -> {
                    JsonNode actual = answer.at("/" + entry.getKey().replace(".", "/"));
                    if (!same(entry.getValue(), actual)) {
                        differences.add(new Difference(entry.getKey(), entry.getValue(), actual.isMissingNode() ? null : actual,
                                "结论不同 (differs)"));
                    }
                }
            }
        }
        return new ScenarioResult(file, name, differences.isEmpty(), evaluation.outcome(), List.copyOf(differences), null);
    }

    static Set<String> firedRules(JsonNode answer) {
        Set<String> fired = new TreeSet<>();
        answer.path("findings").forEach(f -> {
            if (f.hasNonNull("ruleId")) fired.add(f.get("ruleId").asText());
        });
        return fired;
    }

    /** 40, 40.0 and "40.00" are the same number, also inside objects and lists (a deposit range {min, max}). */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) return false;
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!actual.has(field.getKey()) || !same(field.getValue(), actual.get(field.getKey()))) return false;
            }
            return true;
        }
        if (expected != null && actual != null && expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) return false;
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) return false;
            }
            return true;
        }
        Object a = normalise(expected);
        Object b = normalise(actual);
        return a == null ? b == null : a.equals(b);
    }

    private static Object normalise(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isNumber()) return node.decimalValue().stripTrailingZeros();
        if (node.isTextual() && node.asText().matches("-?\\d+(\\.\\d+)?")) return new BigDecimal(node.asText()).stripTrailingZeros();
        return node.toString();
    }
}
