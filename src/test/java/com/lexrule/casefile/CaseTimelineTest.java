package com.lexrule.casefile;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A case's whole story from the audit trail: two arrest assessments at two stages (the second showing which facts,
 * findings and outcome changed), an officer's decision and its correction, an objection with its outcome and the
 * re-assessment it caused, a bail assessment linked to the arrest decision whose color it used, and another case of
 * the same subject listed as related and never merged.
 */
@QuarkusTest
class CaseTimelineTest {

    static Map<String, Object> arrest(String caseId, String subjectId, String stage, List<String> indicators) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId);
        body.put("subjectId", subjectId);
        body.put("stage", stage);
        body.put("crimeType", "THEFT");
        body.put("evidenceOfCrime", true);
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("age", 30);
        body.put("dangerIndicators", indicators);
        body.put("mitigations", List.of());
        body.put("specialCircumstances", List.of());
        return body;
    }

    static JsonPath assess(String path, Map<String, Object> body, String objectionId) {
        var request = as("case-system").contentType("application/json").body(body);
        if (objectionId != null) request = request.queryParam("objectionId", objectionId);
        return request.post(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theTimelineTellsTheWholeStoryInTimeOrder() {
        String first = assess("/api/v1/assessments/arrest", arrest("TL-1", "S-TL", "ARREST_REVIEW", List.of("FLIGHT_HISTORY")), null)
                .getString("decisionId");
        as("officer").contentType("application/json").body(Map.of("taken", "BAIL", "officer", "P-1", "reason", "有固定住处"))
                .put("/api/v1/decisions/" + first + "/officer-decision").then().statusCode(201);
        as("officer").contentType("application/json").body(Map.of("taken", "BAIL", "officer", "P-2", "reason", "承办人更正"))
                .put("/api/v1/decisions/" + first + "/officer-decision").then().statusCode(201);
        String objection = as("officer").contentType("application/json")
                .body(Map.of("objector", "辩护人 L-1", "objectorRole", "COUNSEL", "grounds", "逃跑情节不实"))
                .post("/api/v1/decisions/" + first + "/objections").then().statusCode(201).extract().path("id");
        String reassessment = assess("/api/v1/assessments/arrest", arrest("TL-1", "S-TL", "ARREST_REVIEW", List.of()), objection)
                .getString("decisionId");
        as("officer").contentType("application/json").body(Map.of("outcome", "UPHELD", "reason", "证据不足", "reassessmentId", reassessment))
                .post("/api/v1/objections/" + objection + "/outcome").then().statusCode(201);
        String bail = assess("/api/v1/assessments/bail-deposit", new HashMap<>(Map.of("caseId", "TL-1", "subjectId", "S-TL",
                "crimeType", "THEFT", "expectedSentence", "UP_TO_3_YEARS", "age", 30, "arrestDecisionId", reassessment,
                "economicStatus", "ORDINARY", "guarantorAvailable", false)), null).getString("decisionId");
        assess("/api/v1/assessments/arrest", arrest("TL-2", "S-TL", "ARREST_REVIEW", List.of()), null);

        JsonPath timeline = as("auditor").get("/api/v1/cases/TL-1/timeline").then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("entries.kind", String.class)).containsExactly("ASSESSMENT", "OFFICER_DECISION",
                "OFFICER_DECISION", "OBJECTION", "ASSESSMENT", "OBJECTION_OUTCOME", "ASSESSMENT");
        assertThat(timeline.getList("entries.at", String.class)).isSorted();

        // the first assessment, with the exact policy that decided it
        assertThat(timeline.getString("entries[0].id")).isEqualTo(first);
        assertThat(timeline.getString("entries[0].policy.sha256")).hasSize(64);
        assertThat(timeline.getString("entries[0].change")).isNull();
        // the correction names the entry it corrects
        assertThat(timeline.getInt("entries[2].revision")).isEqualTo(2);
        assertThat(timeline.getString("entries[2].corrects")).isEqualTo(timeline.getString("entries[1].id"));
        // the re-assessment: caused by the objection, and what changed from the family's previous assessment
        assertThat(timeline.getString("entries[4].id")).isEqualTo(reassessment);
        assertThat(timeline.getString("entries[4].objectionId")).isEqualTo(objection);
        assertThat(timeline.getString("entries[4].change.previousDecisionId")).isEqualTo(first);
        assertThat(timeline.getList("entries[4].change.facts.field", String.class)).containsExactly("dangerIndicators");
        assertThat(timeline.getList("entries[4].change.findingsRemoved", String.class)).contains("ARR-SCORE-FLIGHT_HISTORY");
        assertThat(timeline.getString("entries[5].outcome")).isEqualTo("UPHELD");
        assertThat(timeline.getList("entries[5].reassessments", String.class)).containsExactly(reassessment);
        // the bail assessment is linked to the arrest decision whose color it used; it is another family: no change
        assertThat(timeline.getString("entries[6].id")).isEqualTo(bail);
        assertThat(timeline.getString("entries[6].family")).isEqualTo("bail");
        assertThat(timeline.getString("entries[6].linkedDecisionId")).isEqualTo(reassessment);
        assertThat(timeline.getString("entries[6].change")).isNull();
        // the same subject's other case: related, not merged
        assertThat(timeline.getList("relatedCases.caseId", String.class)).containsExactly("TL-2");
        assertThat(timeline.getList("entries.id", String.class)).doesNotContainAnyElementsOf(
                as("auditor").get("/api/v1/cases/TL-2/timeline").then().statusCode(200).extract().jsonPath()
                        .getList("entries.id", String.class));
    }

    @Test
    void onlyTheAuditReadersSeeATimelineAndAnUnknownCaseIsNotFound() {
        as("auditor").get("/api/v1/cases/NO-SUCH-CASE/timeline").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as("case-system").get("/api/v1/cases/NO-SUCH-CASE/timeline").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/cases/NO-SUCH-CASE/timeline").then().statusCode(401);
    }
}
