package com.lexrule.review;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;

import io.quarkus.test.junit.QuarkusTest;

/** Officers' final decisions and objections are recorded once and never overwritten; the history shows them all. */
@QuarkusTest
class AccountabilityTest {

    static final String OFFICER_DECISION = "/api/v1/decisions/%s/officer-decision";

    static String decide(String caseId, Object... changes) {
        return post("case-system", ArrestRulesTest.PATH, with(with(ArrestRulesTest.CASE, "caseId", caseId, "crimeType", "THEFT",
                "dangerIndicators", List.of("FLIGHT_HISTORY")), changes)).statusCode(200).extract().path("decisionId");
    }

    @Test
    void anOfficerWhoFollowsTheRecommendationNeedsNoReason() {
        String id = decide("OD-1");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-1")).put(OFFICER_DECISION.formatted(id))
                .then().statusCode(201).body("agrees", equalTo(true)).body("correctsId", nullValue());
    }

    @Test
    void departingFromTheRecommendationRequiresAReason() {
        String id = decide("OD-2");
        as("officer").body(Map.of("taken", "BAIL", "officer", "P-1")).put(OFFICER_DECISION.formatted(id))
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        as("officer").body(Map.of("taken", "BAIL", "officer", "P-1", "reason", "已全额退赃，被害人谅解"))
                .put(OFFICER_DECISION.formatted(id)).then().statusCode(201).body("agrees", equalTo(false));
    }

    @Test
    void aCorrectionIsANewEntryLinkedToThePreviousOneAndTheSameDecisionIsNotRecordedTwice() {
        String id = decide("OD-3");
        String first = as("officer").body(Map.of("taken", "ARREST", "officer", "P-2")).put(OFFICER_DECISION.formatted(id))
                .then().statusCode(201).extract().path("id");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-2")).put(OFFICER_DECISION.formatted(id))
                .then().statusCode(200).body("id", equalTo(first));
        as("officer").body(Map.of("taken", "RESIDENTIAL_SURVEILLANCE", "officer", "P-2", "reason", "嫌疑人怀孕"))
                .put(OFFICER_DECISION.formatted(id)).then().statusCode(201).body("correctsId", equalTo(first));
        as("auditor").get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("officerDecisions", hasSize(2)).body("officerDecisions[0].taken", equalTo("ARREST"))
                .body("officerDecisions[1].correctsId", equalTo(first));
    }

    @Test
    void onlyLegalOfficersRecordFinalDecisions() {
        String id = decide("OD-4");
        as("case-system").body(Map.of("taken", "ARREST", "officer", "P-1")).put(OFFICER_DECISION.formatted(id))
                .then().statusCode(403);
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-1")).put(OFFICER_DECISION.formatted("nope"))
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anObjectionLeadsToALinkedReassessmentAndItsOutcomeIsRecordedOnce() {
        String original = decide("OBJ-1", "dangerIndicators", List.of("FLIGHT_HISTORY", "DESTROYED_EVIDENCE"));
        String objection = as("officer").body(Map.of("objector", "辩护人 L-17", "objectorRole", "COUNSEL",
                        "grounds", "毁灭证据的指控无证据支持")).post("/api/v1/decisions/" + original + "/objections")
                .then().statusCode(201).body("id", notNullValue()).extract().path("id");
        String reassessment = as("case-system").queryParam("objectionId", objection)
                .body(with(ArrestRulesTest.CASE, "caseId", "OBJ-1", "crimeType", "THEFT", "dangerIndicators", List.of("FLIGHT_HISTORY")))
                .post(ArrestRulesTest.PATH).then().statusCode(200).extract().path("decisionId");
        as("officer").body(Map.of("outcome", "UPHELD", "reason", "证据不足", "reassessmentId", reassessment))
                .post("/api/v1/objections/" + objection + "/outcome").then().statusCode(201);
        as("officer").body(Map.of("outcome", "DISMISSED")).post("/api/v1/objections/" + objection + "/outcome")
                .then().statusCode(409).contentType("application/problem+json");
        as("auditor").get("/api/v1/decisions/" + original).then().statusCode(200)
                .body("objections", hasSize(1)).body("objections[0].outcome.outcome", equalTo("UPHELD"))
                .body("objections[0].reassessments[0]", equalTo(reassessment))
                .body("caseAssessments", hasSize(2)).body("caseAssessments[1].objectionId", equalTo(objection));
    }

    @Test
    void aReassessmentCannotBeLinkedToAnotherCasesObjection() {
        String original = decide("OBJ-2");
        String objection = as("officer").body(Map.of("objector", "S", "objectorRole", "SUBJECT", "grounds", "不服"))
                .post("/api/v1/decisions/" + original + "/objections").then().statusCode(201).extract().path("id");
        as("case-system").header("X-Objection-Id", objection)
                .body(with(ArrestRulesTest.CASE, "caseId", "OBJ-OTHER", "dangerIndicators", List.of("FLIGHT_HISTORY")))
                .post(ArrestRulesTest.PATH).then().statusCode(400).contentType("application/problem+json");
        as("case-system").header("X-Objection-Id", "no-such-objection")
                .body(with(ArrestRulesTest.CASE, "caseId", "OBJ-2", "dangerIndicators", List.of("FLIGHT_HISTORY")))
                .post(ArrestRulesTest.PATH).then().statusCode(404);
    }

    @Test
    void objectionGroundsAreLengthLimited() {
        String id = decide("OBJ-3");
        as("officer").body(Map.of("objector", "S", "objectorRole", "SUBJECT", "grounds", "x".repeat(4001)))
                .post("/api/v1/decisions/" + id + "/objections").then().statusCode(400).body("errors[0].field", equalTo("grounds"));
    }
}
