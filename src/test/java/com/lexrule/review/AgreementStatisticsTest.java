package com.lexrule.review;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Agreement between the service's recommendations and the officers' final decisions, by version, crime and color. */
@QuarkusTest
class AgreementStatisticsTest {

    static String decide(String caseId, String crime, List<String> indicators) {
        return post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", caseId, "crimeType", crime,
                "dangerIndicators", indicators)).statusCode(200).extract().path("decisionId");
    }

    static void officer(String id, String taken, String reason) {
        Map<String, Object> body = reason == null ? Map.of("taken", taken, "officer", "P-9")
                : Map.of("taken", taken, "officer", "P-9", "reason", reason);
        as("officer").body(body).put("/api/v1/decisions/" + id + "/officer-decision").then().statusCode(201);
    }

    static JsonPath stats() {
        return as("auditor").queryParam("family", "arrest").get("/api/v1/statistics/agreement").then().statusCode(200)
                .extract().jsonPath();
    }

    static long count(JsonPath stats, String group, String key, String field) {
        Object value = stats.get(group + ".find { it.key == '" + key + "' }." + field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    @Test
    void ratesAreGivenByVersionCrimeTypeAndColorWithTheReasonsForDeparting() {
        JsonPath before = stats();
        String yellow1 = decide("AGR-1", "FRAUD", List.of("FLIGHT_HISTORY"));
        String yellow2 = decide("AGR-2", "FRAUD", List.of("FLIGHT_HISTORY"));
        String green = decide("AGR-3", "FRAUD", List.of("NO_FIXED_RESIDENCE"));
        decide("AGR-4", "FRAUD", List.of("NO_FIXED_RESIDENCE")); // no officer decision yet: not counted as decided
        officer(yellow1, "ARREST", null);
        officer(yellow2, "BAIL", "退赔全部损失，取得谅解，统计专用理由");
        officer(green, "BAIL", null);
        // a correction replaces the earlier decision in the statistics
        officer(yellow1, "BAIL", "退赔全部损失，取得谅解，统计专用理由");

        JsonPath after = stats();
        assertThat(after.getLong("assessments") - before.getLong("assessments")).isEqualTo(4);
        assertThat(after.getLong("decided") - before.getLong("decided")).isEqualTo(3);
        assertThat(after.getLong("agreed") - before.getLong("agreed")).isEqualTo(1);
        assertThat(count(after, "byCrimeType", "FRAUD", "decided") - count(before, "byCrimeType", "FRAUD", "decided")).isEqualTo(3);
        assertThat(count(after, "byColor", "YELLOW", "agreed") - count(before, "byColor", "YELLOW", "agreed")).isEqualTo(0);
        assertThat(count(after, "byColor", "GREEN", "agreed") - count(before, "byColor", "GREEN", "agreed")).isEqualTo(1);
        assertThat(count(after, "byPolicyVersion", "v1", "decided")).isGreaterThanOrEqualTo(3);
        assertThat(after.getList("topOverrideReasons.reason", String.class)).contains("退赔全部损失，取得谅解，统计专用理由");
        assertThat(after.getString("agreementRate")).isNotNull();
    }

    @Test
    void aFamilyIsRequired() {
        as("auditor").get("/api/v1/statistics/agreement").then().statusCode(400).contentType("application/problem+json");
    }
}
