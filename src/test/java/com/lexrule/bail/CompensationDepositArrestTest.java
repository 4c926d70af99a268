package com.lexrule.bail;

import static com.lexrule.bail.BailApi.ARREST;
import static com.lexrule.bail.BailApi.COMPENSATION;
import static com.lexrule.bail.BailApi.compensationCase;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** COMP-EFF-1: a paid compensation deposit counts as the arrest mitigation it names, and lowers arrest necessity. */
@QuarkusTest
class CompensationDepositArrestTest {

    @Test
    void a_paid_compensation_deposit_lowers_the_social_danger_score_of_the_next_arrest_assessment() {
        String caseId = "330702-2026-0470";
        String subjectId = "S-comp01";
        Map<String, Object> arrest = ArrestRequests.yellowTheft(caseId, subjectId);

        ValidatableResponse before = post(ARREST, arrest).statusCode(200);
        int scoreBefore = before.extract().path("score");

        ValidatableResponse compensation = post(COMPENSATION, with(compensationCase(), "caseId", caseId, "subjectId", subjectId))
                .statusCode(200);
        List<String> effects = compensation.extract().jsonPath().getList("effects");
        assertThat(effects).containsExactly("COMPENSATION_DEPOSIT_PAID");

        @SuppressWarnings("unchecked")
        List<String> mitigations = new ArrayList<>((List<String>) arrest.get("mitigations"));
        mitigations.addAll(effects);
        ValidatableResponse after = post(ARREST, with(arrest, "mitigations", mitigations)).statusCode(200);
        int scoreAfter = after.extract().path("score");

        // The colors either score falls in are the thresholds' (rules/arrest/scenarios); the law is that it falls.
        assertThat(scoreAfter).isLessThan(scoreBefore);
        assertThat(after.extract().jsonPath().<String>getList("findings.ruleId")).contains("ARR-SCORE-COMPENSATION_DEPOSIT_PAID");
    }
}
