package com.lexrule.insight;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Calibration against officers' decisions, on the demo data: the generator's officers arrest from lower scores for
 * drug trafficking and from higher ones for picking quarrels, and calibration finds exactly the thresholds they
 * follow; every generated record is marked as demo data; a proposal becomes a draft only by a legal officer's call,
 * through the lifecycle, and nothing is proposed from too few decisions.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrationTest {

    JsonPath filled;

    /** The demo data, generated once for the class (a @BeforeAll would run before the service is up). */
    synchronized JsonPath demo() {
        // in calls of 250 cases, each well within a request's time on a loaded machine
        if (filled != null) return filled;
        for (int i = 0; i < 24; i++) {
            filled = as("admin").queryParam("cases", 250).post("/api/v1/demo-data").then().log().ifValidationFails()
                    .statusCode(200).extract().jsonPath();
        }
        return filled;
    }

    static Map<String, Object> crime(JsonPath calibration, String crimeType) {
        return calibration.getMap("byCrimeType.find { it.crimeType == '" + crimeType + "' }");
    }

    @Test
    @SuppressWarnings("unchecked")
    void calibrationFindsTheThresholdsTheGeneratedOfficersFollow() {
        demo();
        JsonPath calibration = as("auditor").get("/api/v1/calibration/arrest").then().statusCode(200).extract().jsonPath();
        int red = calibration.getInt("overall.current.red");
        int yellow = calibration.getInt("overall.current.yellow");
        Map<String, int[]> shifts = Map.of("DRUG_TRAFFICKING", new int[] {-10, -10}, "PICKING_QUARRELS", new int[] {10, 10});
        shifts.forEach((crimeType, shift) -> {
            Map<String, Object> c = crime(calibration, crimeType);
            assertThat(c).as(crimeType).isNotNull();
            assertThat(c.get("refusal")).as(crimeType).isNull();
            Map<String, Object> proposal = (Map<String, Object>) c.get("proposal");
            assertThat(proposal).as(crimeType + " " + c).containsEntry("yellow", yellow + shift[1]);
            // the red threshold separates officers who arrest always from those who arrest in most cases (1.0 from 0.72
            // in the generator): the change point of their rate, exactly where the generator put it
            assertThat(proposal).as(crimeType + " " + c).containsEntry("red", red + shift[0]);
            Map<String, Object> now = (Map<String, Object>) c.get("agreementNow");
            Map<String, Object> with = (Map<String, Object>) c.get("agreementWithProposal");
            assertThat(((Number) with.get("rate")).doubleValue()).as(crimeType).isGreaterThan(((Number) now.get("rate")).doubleValue());
            assertThat(((Number) with.get("low")).doubleValue()).isLessThanOrEqualTo(((Number) with.get("rate")).doubleValue());
            assertThat(((Number) with.get("high")).doubleValue()).isGreaterThanOrEqualTo(((Number) with.get("rate")).doubleValue());
            assertThat(((Number) c.get("decisions")).longValue()).isEqualTo(((Number) with.get("decisions")).longValue())
                    .isGreaterThanOrEqualTo(calibration.getLong("minDecisions"));
        });
        assertThat(calibration.getString("note")).contains("不等于法律上的正确");
        example("calibration-arrest.json", calibration.prettify());
    }

    /** The answers docs/insight.md shows, as this test received them (target/insight-examples). */
    static void example(String name, String json) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "insight-examples");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name), json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyGeneratedRecordIsMarkedAsDemoData() {
        JsonPath demo = demo();
        example("demo-data.json", demo.prettify());
        assertThat(demo.getLong("officerDecisions")).isPositive();
        assertThat(demo.getMap("byEndpoint")).containsKeys("/api/v1/assessments/arrest",
                "/api/v1/assessments/meritorious-service", "/api/v1/assessments/bail-deposit");
        List<Map<String, Object>> page = as("auditor").queryParam("family", "arrest").get("/api/v1/decisions").then()
                .statusCode(200).extract().jsonPath().getList("items");
        List<Map<String, Object>> generated = page.stream().filter(d -> String.valueOf(d.get("caseId")).startsWith(DemoData.CASE_PREFIX)).toList();
        assertThat(generated).isNotEmpty().allSatisfy(d -> assertThat(d.get("caller")).isEqualTo(DemoData.CALLER));
        as("approver").queryParam("cases", 1).post("/api/v1/demo-data").then().statusCode(403);
        as("admin").post("/api/v1/demo-data").then().statusCode(400).contentType("application/problem+json");
        as("admin").queryParam("cases", 0).post("/api/v1/demo-data").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theSameAgreementAnalysisServesMeritoriousServiceAndBail() {
        demo();
        for (String family : List.of("meritorious-service", "bail", "arrest")) {
            JsonPath analysis = as("officer").get("/api/v1/calibration/" + family + "/agreement")
                    .then().statusCode(200).extract().jsonPath();
            assertThat(analysis.getLong("overall.agreement.decisions")).as(family).isPositive();
            double rate = analysis.getDouble("overall.agreement.rate");
            assertThat(analysis.getDouble("overall.agreement.low")).isLessThanOrEqualTo(rate);
            assertThat(analysis.getDouble("overall.agreement.high")).isGreaterThanOrEqualTo(rate);
            assertThat(analysis.getMap("overall.recommendedToTaken")).isNotEmpty();
            example("agreement-" + family + ".json", analysis.prettify());
        }
        as("auditor").get("/api/v1/calibration/no-such-family/agreement").then().statusCode(404);
    }

    @Test
    void aProposalBecomesADraftOnlyThroughTheLifecycleAndOnlyByALegalOfficer() {
        demo();
        as("auditor").post("/api/v1/calibration/arrest/draft").then().statusCode(403);
        JsonPath draft = as("officer").queryParam("crimeType", "DRUG_TRAFFICKING").post("/api/v1/calibration/arrest/draft")
                .then().statusCode(201).extract().jsonPath();
        assertThat(draft.getString("status")).isEqualTo("VALID");
        assertThat(draft.getString("family")).isEqualTo("arrest");
        assertThat(draft.getString("note")).contains("DRUG_TRAFFICKING").contains("不等于法律上的正确");
        assertThat((Object) draft.get("publishedVersion")).isNull();
        as("officer").queryParam("crimeType", "NO_SUCH_CRIME").post("/api/v1/calibration/arrest/draft").then().statusCode(422)
                .body("errors.field", hasItem("crimeType"));
    }

    @Test
    void tooFewDecisionsAreRefusedAProposal() {
        JsonPath calibration = as("auditor").queryParam("from", "2020-01-01").queryParam("to", "2020-01-31")
                .get("/api/v1/calibration/arrest").then().statusCode(200).extract().jsonPath();
        assertThat(calibration.getString("overall.refusal")).contains("lexrule.calibration.min-decisions");
        assertThat(calibration.getMap("overall.proposal")).isNull();
        as("officer").queryParam("from", "2020-01-01").queryParam("to", "2020-01-31").post("/api/v1/calibration/arrest/draft")
                .then().statusCode(422).contentType("application/problem+json");
        as("auditor").queryParam("from", "2020-02-01").queryParam("to", "2020-01-31").get("/api/v1/calibration/arrest")
                .then().statusCode(400).body("errors.field", hasItem("to"));
    }
}
