package com.lexrule.insight;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Counterfactuals of an audited decision: every change set is checked here once more, independently, through the
 * dry-run endpoint (the search's own re-evaluation is not trusted); no fact the policy holds fixed is ever changed;
 * and the examples of the issue hold: one more danger indicator changes the color, a prior intentional crime removed
 * ends SHALL_ARREST, a verification record makes a claim meritorious, a guarantor makes the method GUARANTOR.
 */
@QuarkusTest
class CounterfactualTest {

    static final Function<JsonPath, String> ARREST_OUTCOME = a -> a.getString("legalCategory") + "/" + a.getString("color")
            + "/" + a.getString("recommendedMeasure");

    static Map<String, Object> arrestCase(String caseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId);
        body.put("subjectId", "S-CF");
        body.put("stage", "ARREST_REVIEW");
        body.put("crimeType", "THEFT");
        body.put("evidenceOfCrime", true);
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("age", 30);
        body.put("dangerIndicators", List.of());
        body.put("mitigations", List.of());
        body.put("specialCircumstances", List.of());
        return body;
    }

    static String assess(String path, Map<String, Object> body) {
        return as("case-system").contentType("application/json").body(body).post(path).then().statusCode(200)
                .extract().jsonPath().getString("decisionId");
    }

    static JsonPath counterfactuals(String decisionId) {
        return as("officer").queryParam("limit", 100).get("/api/v1/decisions/" + decisionId + "/counterfactuals").then()
                .statusCode(200).extract().jsonPath();
    }

    /** The request with the alternative's changes applied, written here again rather than taken from the service. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> changed(Map<String, Object> request, List<Map<String, Object>> changes) {
        Map<String, Object> copy = new HashMap<>(request);
        for (Map<String, Object> change : changes) {
            String field = (String) change.get("field");
            String value = (String) change.get("value");
            switch ((String) change.get("operation")) {
                case "SET" -> copy.put(field, value.equals("true") || value.equals("false") ? Boolean.valueOf(value) : value);
                case "ADD" -> {
                    List<Object> list = new ArrayList<>((List<Object>) copy.getOrDefault(field, List.of()));
                    list.add(value);
                    copy.put(field, list);
                }
                case "REMOVE" -> {
                    List<Object> list = new ArrayList<>((List<Object>) copy.get(field));
                    list.remove(value);
                    copy.put(field, list);
                }
                default -> throw new AssertionError(change);
            }
        }
        return copy;
    }

    /** Every alternative, evaluated again through /simulate, gives the outcome it claims; none touches a fixed fact. */
    static void everyAlternativeHolds(JsonPath report, Map<String, Object> request, String simulatePath,
                                      Function<JsonPath, String> outcome) {
        List<Map<String, Object>> alternatives = report.getList("alternatives");
        List<String> fixed = report.getList("heldFixed");
        assertThat(alternatives).isNotEmpty();
        for (int i = 0; i < alternatives.size(); i++) {
            List<Map<String, Object>> changes = report.getList("alternatives[" + i + "].changes");
            assertThat(changes).extracting(c -> c.get("field")).doesNotContainAnyElementsOf(fixed);
            assertThat(changes).hasSize(report.getInt("maxChanges"));
            assertThat(report.getBoolean("alternatives[" + i + "].verified")).isTrue();
            JsonPath simulated = as("case-system").contentType("application/json").body(changed(request, changes))
                    .post(simulatePath).then().statusCode(200).extract().jsonPath();
            assertThat(outcome.apply(simulated)).as("alternative %s", changes)
                    .isEqualTo(report.getString("alternatives[" + i + "].outcome"))
                    .isNotEqualTo(report.getString("outcome"));
        }
    }

    @Test
    void oneMoreDangerIndicatorChangesTheColorAndEveryChangeIsVerifiedAgain() {
        Map<String, Object> request = arrestCase("CF-1");
        request.put("dangerIndicators", List.of("FLIGHT_HISTORY"));
        JsonPath report = counterfactuals(assess("/api/v1/assessments/arrest", request));

        assertThat(report.getInt("maxChanges")).isEqualTo(1);
        assertThat(report.getBoolean("exhaustive")).isTrue();
        assertThat(report.getString("policy.family")).isEqualTo("arrest");
        assertThat(report.getList("heldFixed", String.class)).contains("crimeType", "age", "stage");
        List<Map<String, Object>> changes = report.getList("alternatives.changes.flatten()");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c).containsEntry("field", "dangerIndicators").containsEntry("operation", "ADD")
                    .containsEntry("kind", "CIRCUMSTANCE");
            assertThat((String) c.get("valueLabel")).isNotBlank().isNotEqualTo(c.get("value"));
        });
        everyAlternativeHolds(report, request, "/api/v1/assessments/arrest/simulate", ARREST_OUTCOME);
    }

    @Test
    void withoutThePriorIntentionalCrimeTheCaseIsNoLongerShallArrest() {
        Map<String, Object> request = arrestCase("CF-2");
        request.put("priorIntentionalCrime", true);
        String decision = assess("/api/v1/assessments/arrest", request);
        JsonPath report = counterfactuals(decision);
        assertThat(report.getString("outcome")).startsWith("SHALL_ARREST/");

        List<Map<String, Object>> alternatives = report.getList("alternatives");
        assertThat(alternatives).anySatisfy(a -> {
            assertThat(a.get("changes").toString()).contains("field=priorIntentionalCrime").contains("value=false");
            assertThat((String) a.get("outcome")).doesNotStartWith("SHALL_ARREST/");
        });
        everyAlternativeHolds(report, request, "/api/v1/assessments/arrest/simulate", ARREST_OUTCOME);
    }

    @Test
    void aVerificationRecordMakesTheClaimMeritoriousAndIsEvidenceAPersonCanSupply() {
        Map<String, Object> request = new HashMap<>(Map.of("caseId", "CF-3", "subjectId", "S-CF3", "claimType", "PROVIDED_LEAD",
                "leadSource", "OWN_KNOWLEDGE", "verification", "VERIFIED", "practicalEffect", true,
                "evidenceItems", List.of("AGENCY_STATEMENT", "LEAD_SOURCE_RECORD")));
        JsonPath report = counterfactuals(assess("/api/v1/assessments/meritorious-service", request));
        assertThat(report.getString("outcome")).isNotEqualTo("MERITORIOUS_SERVICE");

        assertThat(report.getList("alternatives", Map.class)).first().satisfies(first -> {
            assertThat(first.get("outcome")).isEqualTo("MERITORIOUS_SERVICE");
            assertThat(first.get("onlyEvidence")).isEqualTo(true);
            assertThat(first.get("changes").toString()).contains("value=VERIFICATION_RECORD").contains("operation=ADD");
        });
        everyAlternativeHolds(report, request, "/api/v1/assessments/meritorious-service/simulate",
                a -> a.getString("determination"));
    }

    @Test
    void aGuarantorMakesTheMethodGuarantor() {
        Map<String, Object> request = new HashMap<>(Map.of("caseId", "CF-4", "subjectId", "S-CF4", "crimeType", "THEFT",
                "expectedSentence", "UP_TO_3_YEARS", "age", 30, "dangerColor", "GREEN", "economicStatus", "ORDINARY",
                "requestedGuaranteeMethod", "GUARANTOR", "guarantorAvailable", false));
        JsonPath report = counterfactuals(assess("/api/v1/assessments/bail-deposit", request));

        assertThat(report.getList("alternatives", Map.class)).anySatisfy(a -> {
            assertThat(a.get("changes").toString()).contains("field=guarantorAvailable").contains("value=true");
            assertThat(a.get("grade")).isEqualTo("GUARANTOR");
            assertThat(a.get("onlyEvidence")).isEqualTo(true);
        });
        assertThat(report.getList("alternatives.changes.flatten().field", String.class))
                .doesNotContain("crimeType", "age", "dangerColor", "expectedSentence");
        everyAlternativeHolds(report, request, "/api/v1/assessments/bail-deposit/simulate", a -> {
            String method = a.getString("guaranteeMethod") == null ? "NO_GUARANTEE" : a.getString("guaranteeMethod");
            String amount = a.getString("depositAmount") == null ? ""
                    : "/" + a.getString("depositAmount.min") + "-" + a.getString("depositAmount.max");
            return a.getString("dangerColor") + "/" + a.getString("recommendedMeasure") + "/" + method + amount;
        });
    }

    @Test
    void anUnknownDecisionIsNotFoundAndACaseSystemWithoutTheDecisionRoleIsRefused() {
        as("officer").get("/api/v1/decisions/no-such-decision/counterfactuals").then().statusCode(404)
                .contentType("application/problem+json");
        as("approver").get("/api/v1/decisions/no-such-decision/counterfactuals").then().statusCode(403);
    }

    @Test
    void anAssessmentAskedForCounterfactualsCarriesThoseOfItsOwnDecisionUnderTheSameVersion() {
        Map<String, Object> request = arrestCase("CF-5");
        request.put("dangerIndicators", List.of("FLIGHT_HISTORY"));
        JsonPath answer = as("case-system").contentType("application/json").queryParam("counterfactuals", true).body(request)
                .post("/api/v1/assessments/arrest").then().statusCode(200).extract().jsonPath();
        // the audited decision's own counterfactuals, at the same default limit
        JsonPath audited = as("officer").get("/api/v1/decisions/" + answer.getString("decisionId") + "/counterfactuals")
                .then().statusCode(200).extract().jsonPath();

        assertThat(answer.getString("counterfactuals.policy.sha256")).isEqualTo(answer.getString("policy.sha256"));
        assertThat(answer.getString("counterfactuals.outcome")).isEqualTo(ARREST_OUTCOME.apply(answer));
        assertThat(answer.getList("counterfactuals.alternatives.changes")).isEqualTo(audited.getList("alternatives.changes"));
        everyAlternativeHolds(new JsonPath(answer.prettify()).setRootPath("counterfactuals"), request,
                "/api/v1/assessments/arrest/simulate", ARREST_OUTCOME);
    }

    @Test
    void everyAssessmentEndpointAnswersItsCounterfactualsOnlyWhenAskedFor() {
        Map<String, Map<String, Object>> requests = Map.of(
                "/api/v1/assessments/meritorious-service", new HashMap<>(Map.of("caseId", "CF-6", "subjectId", "S-CF6",
                        "claimType", "PROVIDED_LEAD", "leadSource", "OWN_KNOWLEDGE", "verification", "VERIFIED",
                        "practicalEffect", true, "evidenceItems", List.of("AGENCY_STATEMENT", "LEAD_SOURCE_RECORD"))),
                "/api/v1/assessments/bail-deposit", new HashMap<>(Map.of("caseId", "CF-7", "subjectId", "S-CF7",
                        "crimeType", "THEFT", "expectedSentence", "UP_TO_3_YEARS", "age", 30, "dangerColor", "GREEN",
                        "economicStatus", "ORDINARY", "guarantorAvailable", false)),
                "/api/v1/assessments/compensation-deposit", new HashMap<>(Map.of("caseId", "CF-8", "subjectId", "S-CF8",
                        "crimeType", "THEFT", "expectedSentence", "UP_TO_3_YEARS", "assessedLoss", 5000,
                        "victimReachable", false, "victimDemandsExcessive", false, "subjectWilling", true)));
        requests.forEach((path, body) -> {
            JsonPath with = as("case-system").contentType("application/json").queryParam("counterfactuals", "true").body(body)
                    .post(path).then().statusCode(200).extract().jsonPath();
            assertThat(with.getString("counterfactuals.policy.version")).as(path).isEqualTo(with.getString("policy.version"));
            assertThat(with.getList("counterfactuals.heldFixed")).as(path).isNotEmpty();
            as("case-system").contentType("application/json").body(body).post(path).then().statusCode(200)
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("counterfactuals")));
        });
    }

    @Test
    void aCounterfactualsOptionThatIsNotABooleanIsRefusedNamingIt() {
        as("case-system").contentType("application/json").queryParam("counterfactuals", "yes").body(arrestCase("CF-9"))
                .post("/api/v1/assessments/arrest").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("counterfactuals"));
    }
}
