package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.POLICIES;
import static com.lexrule.support.Lifecycle.as;
import static com.lexrule.support.Lifecycle.draftChangingPoints;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Api;
import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Before approving, officers see what a draft would do: its scenarios run against the compiled draft, and the
 * family's recent audited decisions are decided again under it, with the cases whose color would change.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class ImpactTest {

    /** Threatened the victim of an injury and fled before, pleaded guilty: 40 + 30 − 15 = 55, YELLOW. */
    static final Map<String, Object> YELLOW_CASE = Api.with(ArrestRulesTest.CASE, "caseId", "IMPACT-Y",
            "dangerIndicators", List.of("THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY"), "mitigations", List.of("PLEADED_GUILTY"));
    /** A first-offence theft with no danger beyond having no fixed residence: GREEN whatever the flight points. */
    static final Map<String, Object> GREEN_CASE = Api.with(ArrestRulesTest.CASE, "caseId", "IMPACT-G", "crimeType", "THEFT",
            "dangerIndicators", List.of("NO_FIXED_RESIDENCE"), "mitigations", List.of("FIRST_OFFENCE"));

    @Test
    void theScenariosOfADraftThatChangesUnpinnedValuesAllPass() {
        long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 3);
        JsonPath report = as("officer").post(POLICIES + "/drafts/" + id + "/scenario-run").then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("total")).isGreaterThan(0);
        assertThat(report.getInt("failed")).isZero();
        assertThat(report.getList("scenarios.passed", Boolean.class)).containsOnly(true);
    }

    @Test
    void raisingFlightPointsTurnsYellowCasesRedInTheBacktest() {
        List<String> yellow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            yellow.add(Api.post("case-system", ArrestRulesTest.PATH, Api.with(YELLOW_CASE, "caseId", "IMPACT-Y-" + i))
                    .statusCode(200).extract().path("decisionId"));
            Api.post("case-system", ArrestRulesTest.PATH, Api.with(GREEN_CASE, "caseId", "IMPACT-G-" + i)).statusCode(200);
        }
        long id = draftChangingPoints("officer", "FLIGHT_HISTORY", 5);
        JsonPath report = as("approver").queryParam("limit", 1000).post(POLICIES + "/drafts/" + id + "/backtest")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("evaluated")).isGreaterThanOrEqualTo(6);
        assertThat(report.getInt("outcomesChanged")).isGreaterThanOrEqualTo(3);
        assertThat(report.getInt("gradeTransitions.'YELLOW→RED'")).isGreaterThanOrEqualTo(3);
        assertThat(report.getInt("rules.find { it.ruleId == 'ARR-COLOR-YELLOW' }.firedOnlyBefore")).isGreaterThanOrEqualTo(3);
        assertThat(report.getInt("rules.find { it.ruleId == 'ARR-COLOR-RED' }.firedOnlyAfter")).isGreaterThanOrEqualTo(3);
        assertThat(report.getList("examples.decisionId", String.class)).containsAnyElementsOf(yellow);
        assertThat(report.getMap("outcomeTransitions")).containsKey("MAY_ARREST/YELLOW/ARREST→MAY_ARREST/RED/ARREST");
    }

    @Test
    void aBacktestReplaysAtMostTheLimitAskedFor() {
        Api.post("case-system", ArrestRulesTest.PATH, GREEN_CASE).statusCode(200);
        Api.post("case-system", ArrestRulesTest.PATH, GREEN_CASE).statusCode(200);
        long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 2);
        as("officer").queryParam("limit", 1).post(POLICIES + "/drafts/" + id + "/backtest").then().statusCode(200)
                .body("decisionsReplayed", org.hamcrest.Matchers.equalTo(1));
        as("officer").queryParam("limit", 0).post(POLICIES + "/drafts/" + id + "/backtest").then().statusCode(400)
                .contentType("application/problem+json");
    }
}
