package com.lexrule.bail;

import static com.lexrule.bail.BailApi.BAIL;
import static com.lexrule.bail.BailApi.amount;
import static com.lexrule.bail.BailApi.bailCase;
import static com.lexrule.bail.BailApi.fired;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * BAIL-17-1: bail is a coercive measure against a suspect of a crime, so CL 17 decides first in the bail family too;
 * and the minor's deposit floor follows the age when bail is decided, not the age at the act.
 */
@QuarkusTest
class BailResponsibilityTest {

    private static ValidatableResponse assess(Map<String, Object> body) {
        return post(BAIL, body).statusCode(200);
    }

    private static void noBail(ValidatableResponse r) {
        r.body("bailRecommended", equalTo(false)).body("recommendedMeasure", equalTo("NO_COERCIVE_MEASURE"))
                .body("$", not(hasKey("guaranteeMethod"))).body("$", not(hasKey("depositAmount")));
        assertThat(fired(r)).isNotEmpty().allMatch("BAIL-17-1"::equals);
    }

    @Test
    void a_fifteen_year_old_does_not_answer_for_theft_so_no_guarantee_is_set_whatever_the_color() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "age", 15, "dangerColor", "RED",
                "amountInvolved", 50000));
        noBail(r);
        r.body("missingFacts", equalTo(List.of()));
    }

    @Test
    void at_sixteen_the_same_theft_is_assessed_for_bail() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "age", 16, "amountInvolved", 5000));
        r.body("guaranteeMethod", equalTo("DEPOSIT"));
        assertThat(fired(r)).doesNotContain("BAIL-17-1");
    }

    @Test
    void an_injury_at_fifteen_whose_result_is_not_stated_is_not_assessed_and_the_fact_is_named() {
        ValidatableResponse r = assess(with(bailCase(), "age", 15));
        noBail(r);
        r.body("missingFacts", equalTo(List.of("injuryOutcome")));
    }

    @Test
    void an_injury_at_fifteen_that_caused_serious_injury_is_assessed_for_bail() {
        ValidatableResponse r = assess(with(bailCase(), "age", 15, "injuryOutcome", "SERIOUS_INJURY"));
        r.body("guaranteeMethod", equalTo("DEPOSIT"));
        assertThat(fired(r)).doesNotContain("BAIL-17-1");
    }

    @Test
    void a_thirteen_year_old_without_a_word_on_the_spps_approval_is_not_assessed() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "INTENTIONAL_HOMICIDE", "expectedSentence", "10_YEARS_OR_MORE",
                "age", 13, "injuryOutcome", "DEATH"));
        noBail(r);
        r.body("missingFacts", equalTo(List.of("sppApprovalForProsecution")));
    }

    @Test
    void a_person_who_was_a_minor_at_the_act_but_is_an_adult_when_bail_is_decided_pays_at_least_the_adult_floor() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION", "age", 17, "ageAtDecision", 18));
        assertThat(amount(r, "depositAmount.min")).isEqualByComparingTo("1000");
        assertThat(fired(r)).contains("BAIL-MIN-1");
    }

    @Test
    void a_person_who_is_still_a_minor_when_bail_is_decided_pays_at_least_the_minors_floor() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION", "age", 16, "ageAtDecision", 17));
        assertThat(amount(r, "depositAmount.min")).isEqualByComparingTo("500");
    }

    @Test
    void an_age_at_decision_below_the_age_at_the_act_is_refused_naming_the_field() {
        post(BAIL, with(bailCase(), "age", 17, "ageAtDecision", 16)).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("ageAtDecision"));
    }

    @Test
    void without_an_age_at_decision_the_age_at_the_act_is_taken() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION", "age", 17));
        assertThat(amount(r, "depositAmount.min")).isEqualByComparingTo("500");
    }
}
