package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.as;
import static com.lexrule.support.Lifecycle.today;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * A draft that tests less than the version in force (a suite emptied, cut down or pointed at another endpoint)
 * would pass its scenario run trivially ("0/0"). The approver sees each such file on the draft and cannot approve
 * without confirming the removal explicitly; the confirmation is published in the version's manifest.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class ScenarioRemovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode suite(String family, String file) throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(Path.of("rules", family, "scenarios", file)));
    }

    static long draft(String family, String file, ObjectNode suite) throws IOException {
        return as("officer").contentType("multipart/form-data")
                .multiPart("file", file, JSON.writeValueAsBytes(suite), "application/json")
                .post("/api/v1/policies/" + family + "/drafts").then().statusCode(201)
                .body("status", equalTo("VALID")).extract().jsonPath().getLong("id");
    }

    static ValidatableResponse approve(String family, long id, Boolean confirm) {
        Map<String, Object> body = new HashMap<>(Map.of("effectiveFrom", today().toString(), "changeNote", "情景调整"));
        if (confirm != null) {
            body.put("confirmScenarioRemoval", confirm);
        }
        return as("approver").contentType(ContentType.JSON).body(body)
                .post("/api/v1/policies/" + family + "/drafts/" + id + "/approve").then();
    }

    static JsonPath view(String family, long id) {
        return as("approver").get("/api/v1/policies/" + family + "/drafts/" + id).then().statusCode(200).extract().jsonPath();
    }

    static int inForce(String family) {
        List<Map<String, Object>> versions = as("officer").get("/api/v1/policies").then().statusCode(200)
                .extract().jsonPath().getList("find { it.family == '" + family + "' }.versions");
        return versions.stream().filter(v -> Boolean.TRUE.equals(v.get("inForce")))
                .map(v -> (Integer) v.get("version")).findFirst().orElseThrow();
    }

    @Test
    void anEmptiedSuiteRunsZeroOfZeroButIsApprovedOnlyOnceTheApproverConfirmsItAndTheConfirmationIsPublished() throws IOException {
        String family = "meritorious-service";
        int base = inForce(family);
        ObjectNode emptied = suite(family, "meritorious-baseline.json");
        int published = emptied.path("scenarios").size();
        emptied.putArray("scenarios");
        long id = draft(family, "meritorious-baseline.json", emptied);

        JsonPath draft = view(family, id);
        assertThat(draft.getList("scenarioRemovals")).hasSize(1);
        assertThat(draft.getString("scenarioRemovals[0].file")).endsWith("meritorious-baseline.json");
        assertThat(draft.getInt("scenarioRemovals[0].published")).isEqualTo(published);
        assertThat(draft.getInt("scenarioRemovals[0].remaining")).isZero();
        as("officer").post("/api/v1/policies/" + family + "/drafts/" + id + "/scenario-run").then().statusCode(200)
                .body("total", equalTo(0)).body("failed", equalTo(0));

        approve(family, id, null).statusCode(422).contentType("application/problem+json")
                .body("type", containsString("scenario-removal-unconfirmed"))
                .body("errors[0].file", containsString("meritorious-baseline.json"))
                .body("detail", containsString("confirmScenarioRemoval"));
        approve(family, id, false).statusCode(422).body("type", containsString("scenario-removal-unconfirmed"));
        assertThat(inForce(family)).as("nothing published").isEqualTo(base);

        JsonPath publication = approve(family, id, true).statusCode(201).extract().jsonPath();
        int version = publication.getInt("policy.version");
        assertThat(publication.getInt("confirmedScenarioRemovals[0].published")).isEqualTo(published);
        String manifest = new String(as("auditor").get("/api/v1/policies/" + family + "/versions/" + version + "/files/" + com.lexrule.policy.PolicyFile.MANIFEST)
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        var approval = JSON.readTree(manifest).path("approval");
        assertThat(approval.path("approvedBy").asText()).isEqualTo("approver");
        assertThat(approval.path("scenarioRemovalConfirmed").get(0).path("file").asText()).endsWith("meritorious-baseline.json");
        assertThat(approval.path("scenarioRemovalConfirmed").get(0).path("remaining").asInt()).isZero();

        // restore the published scenarios for the tests that follow
        as("approver").contentType(ContentType.JSON).body(Map.of("effectiveFrom", today().toString(), "changeNote", "恢复情景"))
                .post("/api/v1/policies/" + family + "/versions/" + base + "/republish").then().statusCode(201);
    }

    @Test
    void aSuiteCutDownToFewerCasesIsFlaggedWithBothCountsAndBlockedUntilConfirmed() throws IOException {
        String family = "arrest";
        ObjectNode fewer = suite(family, "arrest-baseline.json");
        ArrayNode scenarios = (ArrayNode) fewer.path("scenarios");
        int published = scenarios.size();
        scenarios.remove(scenarios.size() - 1);
        scenarios.remove(scenarios.size() - 1);
        long id = draft(family, "arrest-baseline.json", fewer);

        JsonPath draft = view(family, id);
        assertThat(draft.getInt("scenarioRemovals[0].published")).isEqualTo(published);
        assertThat(draft.getInt("scenarioRemovals[0].remaining")).isEqualTo(published - 2);
        approve(family, id, null).statusCode(422).body("type", containsString("scenario-removal-unconfirmed"))
                .body("errors[0].file", containsString("arrest-baseline.json"));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "情景不得删减")).post("/api/v1/policies/arrest/drafts/" + id + "/reject")
                .then().statusCode(200);
    }

    @Test
    void aScenarioFilePointedAtAnotherEndpointRemovesAllItsPublishedCases() throws IOException {
        String family = "bail";
        ObjectNode swapped = suite(family, "compensation-deposit.json");
        long id = draft(family, "bail-deposit.json", swapped);
        JsonPath draft = view(family, id);
        assertThat(draft.getList("scenarioRemovals")).hasSize(1);
        assertThat(draft.getString("scenarioRemovals[0].file")).endsWith("bail-deposit.json");
        assertThat(draft.getString("scenarioRemovals[0].endpoint")).isEqualTo("/api/v1/assessments/bail-deposit");
        assertThat(draft.getInt("scenarioRemovals[0].remaining")).isZero();
        approve(family, id, null).statusCode(422).body("type", containsString("scenario-removal-unconfirmed"))
                .body("errors", hasSize(1));
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "情景不得删减")).post("/api/v1/policies/bail/drafts/" + id + "/reject")
                .then().statusCode(200);
    }

    @Test
    void aDraftThatKeepsOrAddsScenariosNeedsNoConfirmation() throws IOException {
        ObjectNode more = suite("arrest", "arrest-baseline.json");
        ArrayNode scenarios = (ArrayNode) more.path("scenarios");
        ObjectNode copy = scenarios.get(0).deepCopy();
        copy.put("name", copy.path("name").asText() + "（复核）");
        scenarios.add(copy);
        long id = draft("arrest", "arrest-baseline.json", more);
        as("approver").get("/api/v1/policies/arrest/drafts/" + id).then().statusCode(200).body("scenarioRemovals", empty());
        as("approver").contentType(ContentType.JSON).body(Map.of("reason", "仅测试")).post("/api/v1/policies/arrest/drafts/" + id + "/reject")
                .then().statusCode(200);
    }
}
