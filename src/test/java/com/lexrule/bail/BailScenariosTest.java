package com.lexrule.bail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The bail family's scenario files (rules/bail/scenarios), cases as data beside the rules, each posted to its
 * endpoint: every expected field must match, every rule in firedRules must have fired and none in notFiredRules.
 */
@QuarkusTest
class BailScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> bail_scenarios_hold_under_the_policy_in_force() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("rules/bail/scenarios"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode suite = JSON.readTree(file.toFile());
                String endpoint = suite.path("endpoint").asText();
                for (JsonNode scenario : suite.path("scenarios")) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + ": " + scenario.path("name").asText(),
                            () -> run(endpoint, scenario)));
                }
            }
        }
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    private static void run(String endpoint, JsonNode scenario) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> request = JSON.convertValue(scenario.path("request"), Map.class);
        JsonNode answer = JSON.readTree(BailApi.post(endpoint, request).statusCode(200).extract().asString());
        List<String> fired = new ArrayList<>();
        answer.path("findings").forEach(f -> fired.add(f.path("ruleId").asText()));
        Iterator<Map.Entry<String, JsonNode>> expected = scenario.path("expect").fields();
        while (expected.hasNext()) {
            Map.Entry<String, JsonNode> e = expected.next();
            switch (e.getKey()) {
                case "firedRules" -> e.getValue().forEach(id -> assertThat(fired).as("fired rules").contains(id.asText()));
                case "notFiredRules" -> e.getValue().forEach(id -> assertThat(fired).as("fired rules").doesNotContain(id.asText()));
                default -> assertThat(matches(e.getValue(), answer.path(e.getKey())))
                        .as(e.getKey() + ": expected " + e.getValue() + ", answered " + answer.path(e.getKey())).isTrue();
            }
        }
    }

    /** Numbers by value (8000 equals 8000.00), objects by the fields expected, everything else exactly. */
    private static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject() && actual.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!matches(f.getValue(), actual.path(f.getKey()))) return false;
            }
            return true;
        }
        return expected.equals(actual);
    }
}
