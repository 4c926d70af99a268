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
    void bothBailEndpointsScenariosRunEachThroughItsOwnEvaluator() throws IOException {
        JsonPath report = scenarioRun("bail", "bail-deposit.json", "compensation-deposit.json");
        assertThat(report.getInt("failed")).as(report.prettify()).isZero();
        assertThat(report.getList("scenarios.file", String.class)).anyMatch(f -> f.contains("bail-deposit"))
                .anyMatch(f -> f.contains("compensation-deposit"));
        assertThat(report.getList("scenarios.outcome", String.class)).anyMatch(o -> o.startsWith("COMPENSATION_DEPOSIT/"))
                .anyMatch(o -> o.contains("/DEPOSIT/"));
    }
}
