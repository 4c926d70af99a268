package com.lexrule.audit;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Auditors read decisions: one with its history, a search by case, family, version, color, outcome and dates, a CSV. */
@QuarkusTest
class DecisionReadTest {

    static String decide(String caseId, List<String> indicators) {
        return post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", caseId, "crimeType", "THEFT",
                "dangerIndicators", indicators)).statusCode(200).extract().path("decisionId");
    }

    @Test
    void anAuditorReadsADecisionWithItsFactsAnswerAndPolicy() {
        String id = decide("READ-1", List.of("FLIGHT_HISTORY"));
        as("auditor").get("/api/v1/decisions/" + id).then().statusCode(200)
                .body("decision.decisionId", equalTo(id)).body("decision.caseId", equalTo("READ-1"))
                .body("decision.request.dangerIndicators[0]", equalTo("FLIGHT_HISTORY"))
                .body("decision.response.color", equalTo("YELLOW")).body("decision.policy.version", equalTo(1))
                .body("decision.recommendation", equalTo("ARREST")).body("decision.color", equalTo("YELLOW"))
                .body("caseAssessments", hasSize(1));
    }

    @Test
    void onlyAuditorsReadTheTrail() {
        String id = decide("READ-2", List.of("FLIGHT_HISTORY"));
        as("case-system").get("/api/v1/decisions/" + id).then().statusCode(403);
        as("officer").get("/api/v1/decisions").then().statusCode(403);
    }

    @Test
    void anUnknownDecisionIsA404Problem() {
        as("auditor").get("/api/v1/decisions/no-such-id").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSearchFiltersByCaseColorVersionAndDate() {
        decide("SEARCH-1", List.of("FLIGHT_HISTORY"));
        decide("SEARCH-1", List.of("NO_FIXED_RESIDENCE"));
        decide("SEARCH-1", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE"));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        as("auditor").queryParam("caseId", "SEARCH-1").get("/api/v1/decisions").then().statusCode(200)
                .body("items", hasSize(3)).body("next", nullValue()).body("total", equalTo(3)).body("totalCapped", equalTo(false));
        as("auditor").queryParam("caseId", "SEARCH-1").queryParam("color", "GREEN").queryParam("family", "arrest")
                .queryParam("policyVersion", 1).queryParam("from", today).queryParam("to", today)
                .get("/api/v1/decisions").then().statusCode(200)
                .body("items", hasSize(1)).body("items.color", everyItem(equalTo("GREEN")));
        as("auditor").queryParam("caseId", "SEARCH-1").queryParam("to", LocalDate.parse(today).minusDays(1).toString())
                .get("/api/v1/decisions").then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(0));
        // the deprecated offset paging still answers
        as("auditor").queryParam("caseId", "SEARCH-1").queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/decisions").then().statusCode(200).body("items", hasSize(1)).body("total", equalTo(3));
    }

    @Test
    void pagesFollowOneAnotherByCursorNewestFirstWithNoRecordTwiceOrLeftOut() {
        for (int i = 0; i < 5; i++) decide("PAGES-1", List.of("FLIGHT_HISTORY"));
        List<String> all = as("auditor").queryParam("caseId", "PAGES-1").get("/api/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items.decisionId");
        assertThat(all).hasSize(5);
        List<String> paged = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var request = as("auditor").queryParam("caseId", "PAGES-1").queryParam("size", 2);
            if (next != null) request.queryParam("after", next);
            JsonPath page = request.get("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.decisionId"));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void aSearchFiltersByTheOutcomeItselfAndPagesThroughItsMatchesByCursor() {
        for (int i = 0; i < 3; i++) decide("OUTCOME-1", List.of("FLIGHT_HISTORY"));
        decide("OUTCOME-1", List.of("NO_FIXED_RESIDENCE"));
        List<String> outcomes = as("auditor").queryParam("caseId", "OUTCOME-1").get("/api/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items.outcome");
        String yellow = outcomes.stream().filter(o -> o.contains("/YELLOW/")).findFirst().orElseThrow();
        assertThat(outcomes).filteredOn(yellow::equals).hasSize(3);

        List<String> paged = new java.util.ArrayList<>();
        String next = null;
        do {
            var request = as("auditor").queryParam("caseId", "OUTCOME-1").queryParam("outcome", yellow).queryParam("size", 2);
            if (next != null) request.queryParam("after", next);
            JsonPath page = request.get("/api/v1/decisions").then().statusCode(200).body("items.outcome", everyItem(equalTo(yellow)))
                    .body("total", equalTo(3)).extract().jsonPath();
            paged.addAll(page.getList("items.decisionId"));
            next = page.getString("next");
        } while (next != null);
        assertThat(paged).hasSize(3).doesNotHaveDuplicates();

        as("auditor").queryParam("caseId", "OUTCOME-1").queryParam("outcome", "NO/SUCH/OUTCOME").get("/api/v1/decisions")
                .then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(0));
        String csv = as("auditor").queryParam("caseId", "OUTCOME-1").queryParam("outcome", yellow).get("/api/v1/decisions/export")
                .then().statusCode(200).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(4);
    }

    @Test
    void anOutcomeThatNoDecisionCouldCarryIsA400NamingOutcome() {
        for (String path : List.of("/api/v1/decisions", "/api/v1/decisions/export")) {
            as("auditor").queryParam("outcome", "x".repeat(257)).get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("outcome"));
            as("auditor").queryParam("outcome", "MAY_ARREST\nYELLOW").get(path).then().statusCode(400)
                    .body("errors[0].field", equalTo("outcome"));
        }
    }

    @Test
    void aCursorTheServiceDidNotHandOutIsA400NamingAfter() {
        as("auditor").queryParam("after", "not-a-cursor").get("/api/v1/decisions").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("after"));
    }

    @Test
    void aReversedDateRangeIsA400Problem() {
        as("auditor").queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get("/api/v1/decisions")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
    }

    @Test
    void aSearchExportsAsACsvThatExcelOpensWithTheChineseIntact() {
        decide("CSV-1", List.of("FLIGHT_HISTORY"));
        byte[] csv = as("auditor").queryParam("caseId", "CSV-1").get("/api/v1/decisions/export").then().statusCode(200)
                .contentType("text/csv").header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"))
                .extract().asByteArray();
        assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        String[] lines = text.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("决定编号 decisionId,");
        assertThat(lines[1]).contains("CSV-1", "arrest", "THEFT", "YELLOW", "ARR-COLOR-YELLOW");
    }

    @Test
    void aCsvCellThatLooksLikeAFormulaIsNeutralised() {
        assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
    }
}
