package com.lexrule.audit;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An export holds every decision its search matches, or none: over lexrule.audit.export.max-rows (three here) it is
 * refused before the first byte with a problem naming the limit and how to split it, never cut short.
 */
@QuarkusTest
@TestProfile(ExportLimitTest.Profile.class)
class ExportLimitTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.audit.export.max-rows", "3");
        }
    }

    @Test
    void anExportAtTheLimitHoldsEveryDecisionAndOneOverItIsRefusedNamingTheLimitAndHowToSplit() {
        for (int i = 0; i < 3; i++) DecisionReadTest.decide("EXPORT-AT-LIMIT", List.of("FLIGHT_HISTORY"));
        for (int i = 0; i < 4; i++) DecisionReadTest.decide("EXPORT-OVER-LIMIT", List.of("FLIGHT_HISTORY"));

        String csv = new String(as("auditor").queryParam("caseId", "EXPORT-AT-LIMIT").get("/api/v1/decisions/export")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertThat(csv.substring(1).split("\r\n")).as("the header and all three decisions").hasSize(4);

        as("auditor").queryParam("caseId", "EXPORT-OVER-LIMIT").get("/api/v1/decisions/export").then().statusCode(422)
                .contentType("application/problem+json").body("maxRows", equalTo(3))
                .body("pageBy", hasItems("from", "to")).body("detail", containsString("lexrule.audit.export.max-rows"));
        // the whole trail (seven decisions and more) is refused the same way, up front
        as("auditor").get("/api/v1/decisions/export").then().statusCode(422).body("type", containsString("export-too-large"));
    }
}
