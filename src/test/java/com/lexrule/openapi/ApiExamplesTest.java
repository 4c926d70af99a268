package com.lexrule.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The examples the served document shows ({@link ContractFilter#EXAMPLES}) are real exchanges: this test sends each
 * recorded request to the running service and fails if the answer differs from the recorded one (ids, times and the
 * policy hash aside). Re-record after a deliberate change with {@code -Dlexrule.examples.record=true}.
 */
@QuarkusTest
class ApiExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Path SOURCE = Path.of("src/main/resources", ContractFilter.EXAMPLES);
    /** Values that differ on every call: ids the service assigns, times, chain positions, the baseline hash. */
    private static final List<String> VARYING = List.of("decisionId", "id", "objectionId",
            "reassessmentId", "sha256", "chainSeq", "prevHash", "recordHash", "mac");

    /** How one recorded operation is called, given the answers of the exchanges before it. */
    private record Call(String method, String user, Function<Map<String, JsonNode>, String> path) {
    }

    private static final Map<String, Call> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put("assessArrest", new Call("POST", "case-system", before -> "/api/v1/assessments/arrest"));
        CALLS.put("assessBailDeposit", new Call("POST", "case-system", before -> "/api/v1/assessments/bail-deposit"));
        CALLS.put("assessCompensationDeposit", new Call("POST", "case-system", before -> "/api/v1/assessments/compensation-deposit"));
        CALLS.put("assessMeritoriousService", new Call("POST", "case-system", before -> "/api/v1/assessments/meritorious-service"));
        CALLS.put("recordOfficerDecision", new Call("PUT", "officer",
                before -> "/api/v1/decisions/" + before.get("assessArrest").get("decisionId").asText() + "/officer-decision"));
        CALLS.put("recordObjection", new Call("POST", "case-system",
                before -> "/api/v1/decisions/" + before.get("assessArrest").get("decisionId").asText() + "/objections"));
        CALLS.put("recordObjectionOutcome", new Call("POST", "officer",
                before -> "/api/v1/objections/" + before.get("recordObjection").get("id").asText() + "/outcome"));
    }

    @Test
    void every_recorded_example_is_what_the_service_answers_today() throws IOException {
        Map<String, ContractFilter.Example> recorded = JSON.readValue(SOURCE.toFile(),
                new TypeReference<LinkedHashMap<String, ContractFilter.Example>>() { });
        assertThat(recorded.keySet()).containsExactlyElementsOf(CALLS.keySet());
        boolean record = Boolean.getBoolean("lexrule.examples.record");
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        Map<String, ContractFilter.Example> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, Call> entry : CALLS.entrySet()) {
            ContractFilter.Example example = recorded.get(entry.getKey());
            Call call = entry.getValue();
            String body = given().auth().preemptive().basic(call.user(), call.user()).contentType(ContentType.JSON)
                    .body(JSON.writeValueAsString(example.request()))
                    .request(call.method(), call.path().apply(answers))
                    .then().statusCode(org.hamcrest.Matchers.lessThan(300)).extract().asString();
            JsonNode answer = JSON.readTree(body);
            answers.put(entry.getKey(), answer);
            fresh.put(entry.getKey(), new ContractFilter.Example(example.summary(), example.request(), answer));
            if (!record) {
                assertThat(normalised(answer)).as("the answer of %s; re-record with -Dlexrule.examples.record=true if the change is meant",
                        entry.getKey()).isEqualTo(normalised(JSON.valueToTree(example.response())));
            }
        }
        if (record) {
            Files.writeString(SOURCE, JSON.writeValueAsString(fresh) + "\n");
        }
    }

    /** The answer with what differs on every call replaced by a marker, keeping its shape. */
    private static JsonNode normalised(JsonNode node) {
        JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if ((VARYING.contains(name) || name.endsWith("At")) && value.isValueNode() && !value.isNull()) {
                    object.set(name, TextNode.valueOf("…"));
                } else {
                    mask(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(ApiExamplesTest::mask);
        }
    }
}
