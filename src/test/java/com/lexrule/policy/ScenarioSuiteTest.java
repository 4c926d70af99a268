package com.lexrule.policy;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Runs the scenario files stored beside each policy ({@code rules/<family>/scenarios/*.json}): cases as data with
 * the outcome the policy must give. They belong to the bundle, so they run against the version they are part of,
 * and a policy edit that changes an outcome fails a scenario by name.
 */
@QuarkusTest
class ScenarioSuiteTest {

    @Inject
    BaselineReader baseline;

    @Inject
    ObjectMapper json;

    @TestFactory
    Stream<DynamicNode> scenariosOfEveryPolicyFamily() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        for (String family : baseline.families()) {
            PolicyBundle bundle = baseline.read(family);
            for (PolicyFile file : bundle.scenarios()) {
                JsonNode suite = json.readTree(file.content());
                String endpoint = suite.path("endpoint").asText();
                for (JsonNode scenario : suite.path("scenarios")) {
                    String name = family + " / " + file.simpleName() + " / " + scenario.path("name").asText();
                    nodes.add(DynamicTest.dynamicTest(name, () -> run(bundle, endpoint, scenario)));
                }
            }
        }
        assertThat(nodes).as("every policy family has scenarios").isNotEmpty();
        return nodes.stream();
    }

    private void run(PolicyBundle bundle, String endpoint, JsonNode scenario) throws IOException {
        String body = as("case-system").body(json.writeValueAsString(scenario.path("request"))).post(endpoint)
                .then().statusCode(200).extract().asString();
        JsonPath answer = JsonPath.from(body);
        assertThat(answer.getString("policy.sha256")).as("decided by the bundle the scenario belongs to").isEqualTo(bundle.sha256());
        List<String> fired = answer.getList("findings.ruleId", String.class);
        var expected = scenario.path("expect").fields();
        while (expected.hasNext()) {
            Map.Entry<String, JsonNode> entry = expected.next();
            switch (entry.getKey()) {
                case "firedRules" -> entry.getValue().forEach(id -> assertThat(fired).as("fired rules").contains(id.asText()));
                case "notFiredRules" -> entry.getValue().forEach(id -> assertThat(fired).as("fired rules").doesNotContain(id.asText()));
                default -> {
                    JsonNode actual = json.valueToTree(answer.get(entry.getKey()));
                    assertThat(normalise(actual)).as(entry.getKey()).isEqualTo(normalise(entry.getValue()));
                }
            }
        }
    }

    /** 40, 40.0 and "40.00" in money fields are the same number. */
    private static Object normalise(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        if (node.isNumber()) return node.decimalValue().stripTrailingZeros();
        if (node.isTextual() && node.asText().matches("-?\\d+(\\.\\d+)?")) return new BigDecimal(node.asText()).stripTrailingZeros();
        return node.toString();
    }
}
