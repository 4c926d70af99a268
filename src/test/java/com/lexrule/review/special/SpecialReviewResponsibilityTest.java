package com.lexrule.review.special;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A special review re-assesses each case as the family's endpoint would, so CL 17 decides there too: a child arrested
 * for a crime it does not answer for at its age is flagged, with ARR-17-1 (or BAIL-17-1) as the deciding finding.
 */
@QuarkusTest
class SpecialReviewResponsibilityTest {

    static final String REVIEWS = "/api/v1/reviews";

    @Test
    void an_arrest_of_a_fifteen_year_old_for_theft_is_flagged_with_the_age_rule_deciding() {
        Map<String, Object> fifteen = Map.of("caseId", "SR-17-1", "subjectId", "S-1", "crimeType", "THEFT",
                "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS", "identityUnknown", true, "age", 15,
                "dangerIndicators", List.of("FLIGHT_HISTORY"), "recognised", "ARREST");
        Map<String, Object> sixteen = Api.with(fifteen, "caseId", "SR-17-2", "age", 16);
        String id = as("auditor").body(Map.of("family", "arrest", "cases", List.of(fifteen, sixteen))).post(REVIEWS)
                .then().statusCode(202).extract().path("id");
        done(id);
        JsonPath child = caseAtRow(id, 1);
        assertThat(child.getString("service")).isEqualTo("NO_COERCIVE_MEASURE");
        assertThat(child.getString("outcome")).isNotEqualTo("AGREE");
        assertThat(child.getString("decidingFinding.ruleId")).isEqualTo("ARR-17-1");
        JsonPath adult = caseAtRow(id, 2);
        assertThat(adult.getString("service")).isEqualTo("ARREST");
        assertThat(adult.getString("decidingFinding.ruleId")).isNotEqualTo("ARR-17-1");
    }

    @Test
    void a_bail_review_row_reads_the_result_and_the_spps_approval_of_a_thirteen_year_old() {
        Map<String, Object> approved = Map.ofEntries(Map.entry("caseId", "SR-17-3"), Map.entry("subjectId", "S-3"),
                Map.entry("crimeType", "INTENTIONAL_HOMICIDE"), Map.entry("expectedSentence", "10_YEARS_OR_MORE"),
                Map.entry("age", 13), Map.entry("ageAtDecision", 14), Map.entry("dangerColor", "GREEN"),
                Map.entry("economicStatus", "ORDINARY"), Map.entry("guarantorAvailable", true),
                Map.entry("injuryOutcome", "致人死亡"), Map.entry("sppApprovalForProsecution", "否"),
                Map.entry("recognised", "GUARANTOR"));
        String id = as("officer").body(Map.of("family", "bail-deposit", "cases", List.of(approved))).post(REVIEWS)
                .then().statusCode(202).extract().path("id");
        JsonPath review = done(id);
        assertThat(review.getList("rowErrors")).isEmpty();
        JsonPath row = caseAtRow(id, 1);
        assertThat(row.getString("service")).isEqualTo("NO_COERCIVE_MEASURE");
        assertThat(row.getString("decidingFinding.ruleId")).isEqualTo("BAIL-17-1");
    }

    static JsonPath done(String id) {
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath review = as("auditor").get(REVIEWS + "/" + id).then().statusCode(200).extract().jsonPath();
            String status = review.getString("status");
            if ("DONE".equals(status) || "FAILED".equals(status) || System.currentTimeMillis() > until) {
                assertThat(status).as(review.prettify()).isEqualTo("DONE");
                return review;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonPath caseAtRow(String id, int row) {
        JsonPath page = as("auditor").queryParam("limit", 1000).get(REVIEWS + "/" + id + "/cases").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> found = page.getMap("cases.find { it.row == " + row + " }");
        assertThat(found).as("row " + row).isNotNull();
        try {
            return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(found));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
