package com.lexrule.assessment;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The dry run a client system's integration test uses: the same answer as the assessment, under the same pinned
 * version, with nothing recorded — no audit record and so no statistics — and a role of its own.
 */
@QuarkusTest
class DryRunTest {

    private static Map<String, Object> arrestCase(String caseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId);
        body.put("subjectId", "S-DRY");
        body.put("crimeType", "INTENTIONAL_INJURY");
        body.put("evidenceOfCrime", true);
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("age", 30);
        body.put("dangerIndicators", List.of("THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY"));
        return body;
    }

    private static long recordedFor(String caseId) {
        return as("auditor").queryParam("caseId", caseId).get("/api/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }

    private static Map<String, Object> withoutStamp(JsonPath answer) {
        Map<String, Object> map = new HashMap<>(answer.getMap("$"));
        map.remove("decisionId");
        map.remove("recorded");
        map.remove("decidedAt");
        return map;
    }

    @Test
    void a_dry_run_answers_what_the_assessment_answers_and_records_nothing() {
        JsonPath simulated = as("integration-test").body(arrestCase("DRY-1")).post("/api/v1/assessments/arrest/simulate")
                .then().statusCode(200).body("recorded", equalTo(false)).body("$", not(hasKey("decisionId")))
                .extract().jsonPath();
        assertThat(recordedFor("DRY-1")).isZero();

        JsonPath assessed = as("case-system").body(arrestCase("DRY-1")).post("/api/v1/assessments/arrest")
                .then().statusCode(200).body("recorded", equalTo(true)).extract().jsonPath();
        assertThat(assessed.getString("decisionId")).isNotBlank();
        assertThat(withoutStamp(simulated)).isEqualTo(withoutStamp(assessed));
        assertThat(recordedFor("DRY-1")).isEqualTo(1);
    }

    @Test
    void a_dry_run_honours_the_pinned_version() {
        as("integration-test").body(arrestCase("DRY-2")).queryParam("policyVersion", 1)
                .post("/api/v1/assessments/arrest/simulate").then().statusCode(200).body("policy.version", equalTo(1));
        as("integration-test").body(arrestCase("DRY-2")).header("X-Policy-Version", "9999")
                .post("/api/v1/assessments/arrest/simulate").then().statusCode(422);
        assertThat(recordedFor("DRY-2")).isZero();
    }

    @Test
    void every_family_has_its_dry_run_and_invalid_facts_are_refused_as_in_the_assessment() {
        Map<String, Object> bail = Map.of("caseId", "DRY-3", "subjectId", "S", "crimeType", "THEFT", "expectedSentence",
                "UP_TO_3_YEARS", "age", 30, "dangerColor", "YELLOW", "economicStatus", "ORDINARY", "amountInvolved", 50000);
        as("integration-test").body(bail).post("/api/v1/assessments/bail-deposit/simulate").then().statusCode(200)
                .body("recorded", equalTo(false)).body("guaranteeMethod", equalTo("DEPOSIT"));
        Map<String, Object> compensation = Map.of("caseId", "DRY-3", "subjectId", "S", "crimeType", "THEFT",
                "expectedSentence", "UP_TO_3_YEARS", "assessedLoss", 8000, "age", 30, "victimReachable", false,
                "subjectWilling", true);
        as("integration-test").body(compensation).post("/api/v1/assessments/compensation-deposit/simulate").then()
                .statusCode(200).body("recorded", equalTo(false)).body("eligible", equalTo(true));
        Map<String, Object> merit = Map.of("caseId", "DRY-3", "subjectId", "S", "claimType", "PROVIDED_LEAD",
                "leadSource", "OWN_KNOWLEDGE", "verification", "VERIFIED", "practicalEffect", true,
                "evidenceItems", List.of("AGENCY_STATEMENT", "VERIFICATION_RECORD", "LEAD_SOURCE_RECORD"));
        as("integration-test").body(merit).post("/api/v1/assessments/meritorious-service/simulate").then()
                .statusCode(200).body("recorded", equalTo(false));
        Map<String, Object> unknown = new HashMap<>(arrestCase("DRY-3"));
        unknown.put("crimeType", "NOT_A_CRIME");
        as("integration-test").body(unknown).post("/api/v1/assessments/arrest/simulate").then().statusCode(400)
                .body("errors[0].field", equalTo("crimeType"));
        assertThat(recordedFor("DRY-3")).isZero();
    }

    @Test
    void the_integration_test_role_may_simulate_but_never_record() {
        as("integration-test").body(arrestCase("DRY-4")).post("/api/v1/assessments/arrest").then().statusCode(403);
        as("auditor").body(arrestCase("DRY-4")).post("/api/v1/assessments/arrest/simulate").then().statusCode(403);
        as("case-system").body(arrestCase("DRY-4")).post("/api/v1/assessments/arrest/simulate").then().statusCode(200)
                .body("recorded", equalTo(false));
        assertThat(recordedFor("DRY-4")).isZero();
    }
}
