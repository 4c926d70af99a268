package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Every family's scenarios run through the policy lifecycle, not only arrest's: a draft of the meritorious-service
 * or bail policy can be scenario-run (and so approved), each endpoint's scenarios through its own evaluator.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class FamilyScenarioRunTest {

    static JsonPath scenarioRun(String family, String... scenarioFiles) throws IOException {
        var request = as("officer").contentType("multipart/form-data");
        for (String file : scenarioFiles) {
            request = request.multiPart("file", file, Files.readAllBytes(Path.of("rules", family, "scenarios", file)), "application/json");
        }
        long id = request.multiPart("note", "情景回归").post("/api/v1/policies/" + family + "/drafts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return as("officer").post("/api/v1/policies/" + family + "/drafts/" + id + "/scenario-run").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void theMeritoriousServiceScenariosRunAndPassUnderTheBaseline() throws IOException {
        JsonPath report = scenarioRun("meritorious-service", "meritorious-baseline.json");
        assertThat(report.getInt("total")).isGreaterThan(3);
        assertThat(report.getInt("failed")).as(report.prettify()).isZero();
        assertThat(report.getList("scenarios.outcome", String.class)).contains("MERITORIOUS_SERVICE", "MAJOR_MERITORIOUS_SERVICE");
    }

    @Test
    void aBailDraftIsBackTestedOnBothEndpointsAuditedRequestsEachByItsOwnEvaluator() throws IOException {
        com.lexrule.support.Api.post("case-system", "/api/v1/assessments/bail-deposit", java.util.Map.of("caseId", "BT-B-1",
                "subjectId", "S-1", "crimeType", "THEFT", "expectedSentence", "UP_TO_3_YEARS", "age", 30, "dangerColor", "GREEN",
                "economicStatus", "ORDINARY", "guarantorAvailable", false)).statusCode(200);
        com.lexrule.support.Api.post("case-system", "/api/v1/assessments/compensation-deposit", java.util.Map.of("caseId", "BT-C-1",
                "subjectId", "S-1", "crimeType", "THEFT", "expectedSentence", "UP_TO_3_YEARS", "assessedLoss", 8000,
                "victimReachable", false, "subjectWilling", true)).statusCode(200);
        long id = as("officer").contentType("multipart/form-data")
                .multiPart("file", "compensation-deposit.json", Files.readAllBytes(Path.of("rules/bail/scenarios/compensation-deposit.json")), "application/json")
                .post("/api/v1/policies/bail/drafts").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath report = as("approver").queryParam("limit", 1000).post("/api/v1/policies/bail/drafts/" + id + "/backtest")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("evaluated")).as(report.prettify()).isGreaterThanOrEqualTo(2);
        assertThat(report.getList("notEvaluated")).as(report.prettify()).isEmpty();
        assertThat(report.getInt("outcomesChanged")).isZero();
    }

    @Test
    void bothBailEndpointsScenariosRunEachThroughItsOwnEvaluator() throws IOException {
        JsonPath report = scenarioRun("bail", "bail-deposit.json", "compensation-deposit.json");
        assertThat(report.getInt("failed")).as(report.prettify()).isZero();
        assertThat(report.getList("scenarios.file", String.class)).anyMatch(f -> f.contains("bail-deposit"))
                .anyMatch(f -> f.contains("compensation-deposit"));
        assertThat(report.getList("scenarios.outcome", String.class)).anyMatch(o -> o.startsWith("COMPENSATION_DEPOSIT/"))
                .anyMatch(o -> o.contains("/DEPOSIT/"));
    }
}
