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
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every rule of DOMAIN §3 (bail deposit), each shown firing and not firing, one case per test. */
@QuarkusTest
class BailDepositRulesTest {

    private static ValidatableResponse assess(Map<String, Object> body) {
        return post(BAIL, body).statusCode(200);
    }

    private static void range(ValidatableResponse response, String min, String max) {
        assertThat(amount(response, "depositAmount.min")).isEqualByComparingTo(min);
        assertThat(amount(response, "depositAmount.max")).isEqualByComparingTo(max);
        response.body("depositAmount.currency", equalTo("CNY"));
    }

    @Test
    void an_adult_without_a_guarantor_pays_a_deposit_from_the_base_for_the_likely_sentence() {
        ValidatableResponse r = assess(bailCase());
        r.body("bailRecommended", equalTo(true)).body("recommendedMeasure", equalTo("BAIL"))
                .body("guaranteeMethod", equalTo("DEPOSIT"))
                .body("policy.family", equalTo("bail")).body("decisionId", notNullValue());
        range(r, "1600", "8000"); // 2,000–10,000 × green 0.8 × ordinary 1
        assertThat(fired(r)).contains("BAIL-DEP-1", "BAIL-AMT-BASE-UP_TO_3_YEARS", "BAIL-AMT-COLOR-GREEN",
                        "BAIL-AMT-ECON-ORDINARY", "BAIL-AMT-ROUND", "BAIL-AMT-CALC")
                .doesNotContain("BAIL-RED-1", "BAIL-GUAR-1", "BAIL-GUAR-2", "BAIL-74-2", "BAIL-MIN-1", "BAIL-AMT-PROPERTY");
    }

    @Test
    void a_red_subject_is_not_recommended_for_bail_and_would_pay_double_if_bailed_nonetheless() {
        ValidatableResponse r = assess(with(bailCase(), "dangerColor", "RED"));
        r.body("bailRecommended", equalTo(false)).body("recommendedMeasure", equalTo("ARREST"))
                .body("guaranteeMethod", equalTo("DEPOSIT"));
        range(r, "4000", "20000");
        assertThat(fired(r)).contains("BAIL-RED-1", "BAIL-AMT-COLOR-RED");
    }

    @Test
    void a_yellow_subject_may_be_bailed() {
        ValidatableResponse r = assess(with(bailCase(), "dangerColor", "YELLOW"));
        r.body("bailRecommended", equalTo(true)).body("recommendedMeasure", equalTo("BAIL"));
        range(r, "3000", "15000");
        assertThat(fired(r)).contains("BAIL-AMT-COLOR-YELLOW").doesNotContain("BAIL-RED-1");
    }

    @Test
    void a_minor_with_a_guarantor_is_bailed_on_the_guarantor_without_a_deposit() {
        ValidatableResponse r = assess(with(bailCase(), "age", 16, "guarantorAvailable", true));
        r.body("guaranteeMethod", equalTo("GUARANTOR")).body("$", not(hasKey("depositAmount")))
                .body("bailRecommended", equalTo(true));
        assertThat(fired(r)).contains("BAIL-GUAR-1").doesNotContain("BAIL-DEP-1", "BAIL-AMT-CALC");
    }

    @Test
    void a_minor_with_a_guarantor_is_bailed_on_the_guarantor_even_when_a_deposit_is_offered() {
        ValidatableResponse r = assess(with(bailCase(), "age", 16, "guarantorAvailable", true,
                "requestedGuaranteeMethod", "DEPOSIT"));
        r.body("guaranteeMethod", equalTo("GUARANTOR")).body("$", not(hasKey("depositAmount")));
        assertThat(fired(r)).contains("BAIL-GUAR-1");
    }

    @Test
    void a_subject_in_hardship_with_a_guarantor_gives_the_guarantor_instead_of_a_deposit() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "guarantorAvailable", true));
        r.body("guaranteeMethod", equalTo("GUARANTOR")).body("$", not(hasKey("depositAmount")));
        assertThat(fired(r)).contains("BAIL-GUAR-1").doesNotContain("BAIL-74-2");
    }

    @Test
    void an_adult_of_ordinary_means_with_a_guarantor_is_not_steered_to_the_guarantor_by_the_preference() {
        ValidatableResponse r = assess(with(bailCase(), "guarantorAvailable", true));
        r.body("guaranteeMethod", equalTo("DEPOSIT"));
        assertThat(fired(r)).doesNotContain("BAIL-GUAR-1", "BAIL-GUAR-2");
    }

    @Test
    void a_subject_who_can_neither_give_a_guarantor_nor_pay_may_be_placed_under_residential_surveillance() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP"));
        r.body("recommendedMeasure", equalTo("RESIDENTIAL_SURVEILLANCE")).body("bailRecommended", equalTo(false))
                .body("$", not(hasKey("guaranteeMethod"))).body("$", not(hasKey("depositAmount")));
        assertThat(fired(r)).contains("BAIL-74-2").doesNotContain("BAIL-DEP-1", "BAIL-GUAR-1");
    }

    @Test
    void a_red_subject_who_can_neither_give_a_guarantor_nor_pay_remains_recommended_for_arrest() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "dangerColor", "RED"));
        r.body("recommendedMeasure", equalTo("ARREST")).body("bailRecommended", equalTo(false));
        assertThat(fired(r)).contains("BAIL-RED-1", "BAIL-74-2");
    }

    @Test
    void a_subject_in_hardship_whose_deposit_is_offered_pays_a_deposit_reduced_for_hardship() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "dangerColor", "YELLOW"));
        r.body("guaranteeMethod", equalTo("DEPOSIT"));
        range(r, "1500", "7500"); // 2,000–10,000 × yellow 1.5 × hardship 0.5
        assertThat(fired(r)).contains("BAIL-AMT-ECON-HARDSHIP").doesNotContain("BAIL-74-2", "BAIL-MIN-1");
    }

    @Test
    void an_adults_deposit_is_raised_to_the_statutory_minimum_of_1000_yuan() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION"));
        range(r, "1000", "2000"); // 1,000–5,000 × 0.8 × 0.5 = 400–2,000: the minimum raised to 1,000
        assertThat(fired(r)).contains("BAIL-MIN-1");
    }

    @Test
    void a_minors_deposit_is_raised_to_the_statutory_minimum_of_500_yuan_and_no_further() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION", "age", 16));
        range(r, "500", "2000");
        assertThat(fired(r)).contains("BAIL-MIN-1");
    }

    @Test
    void a_deposit_at_or_above_the_minimum_is_left_as_the_policy_gives_it() {
        ValidatableResponse r = assess(with(bailCase(), "age", 16));
        range(r, "1600", "8000");
        assertThat(fired(r)).doesNotContain("BAIL-MIN-1");
    }

    @Test
    void a_guarantor_applied_for_and_available_replaces_the_deposit() {
        ValidatableResponse r = assess(with(bailCase(), "guarantorAvailable", true, "requestedGuaranteeMethod", "GUARANTOR"));
        r.body("guaranteeMethod", equalTo("GUARANTOR")).body("$", not(hasKey("depositAmount")));
        assertThat(fired(r)).contains("BAIL-GUAR-2").doesNotContain("BAIL-DEP-1");
    }

    @Test
    void a_guarantor_applied_for_but_not_available_leaves_a_deposit() {
        ValidatableResponse r = assess(with(bailCase(), "guarantorAvailable", false, "requestedGuaranteeMethod", "GUARANTOR"));
        r.body("guaranteeMethod", equalTo("DEPOSIT"));
        assertThat(fired(r)).contains("BAIL-DEP-1").doesNotContain("BAIL-GUAR-2");
    }

    @Test
    void a_property_crimes_deposit_is_not_below_its_share_of_the_amount_involved() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "amountInvolved", 50000));
        range(r, "5000", "8000"); // 10% of 50,000 lifts the minimum of 1,600
        assertThat(fired(r)).contains("BAIL-AMT-PROPERTY");
    }

    @Test
    void a_large_amount_involved_lifts_the_whole_range() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "amountInvolved", 200000));
        range(r, "20000", "20000");
    }

    @Test
    void the_share_of_the_amount_involved_is_rounded_up_to_the_hundred_yuan_the_policy_states() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "expectedSentence", "NO_IMPRISONMENT",
                "amountInvolved", new BigDecimal("12345.00")));
        range(r, "1300", "2400"); // 1,234.50 rounded up; 3,000 × 0.8
        assertThat(fired(r)).contains("BAIL-AMT-PROPERTY", "BAIL-AMT-ROUND");
    }

    @Test
    void a_property_crime_without_the_amount_involved_reports_it_missing() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT"));
        range(r, "1600", "8000");
        r.body("missingFacts", org.hamcrest.Matchers.hasItem("amountInvolved"));
        assertThat(fired(r)).doesNotContain("BAIL-AMT-PROPERTY");
    }

    @Test
    void the_amount_involved_in_a_crime_against_the_person_does_not_set_the_deposit() {
        ValidatableResponse r = assess(with(bailCase(), "amountInvolved", 500000));
        range(r, "1600", "8000");
        assertThat(fired(r)).doesNotContain("BAIL-AMT-PROPERTY");
    }

    @Test
    void a_crime_with_its_own_row_takes_its_own_base() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "DANGEROUS_DRIVING", "expectedSentence", "CRIMINAL_DETENTION"));
        range(r, "1600", "4000"); // 2,000–5,000 × 0.8
        assertThat(fired(r)).contains("BAIL-AMT-BASE-DANGEROUS_DRIVING").doesNotContain("BAIL-AMT-BASE-CRIMINAL_DETENTION");
    }

    @Test
    void an_absent_guarantor_fact_is_taken_as_no_guarantor_and_reported_missing() {
        ValidatableResponse r = assess(with(bailCase(), "guarantorAvailable", null));
        r.body("guaranteeMethod", equalTo("DEPOSIT")).body("missingFacts", org.hamcrest.Matchers.hasItem("guarantorAvailable"));
    }

    @Test
    void the_danger_color_is_taken_from_the_audited_arrest_decision_of_the_same_subject() {
        Map<String, Object> arrest = ArrestRequests.yellowTheft("330702-2026-0460", "S-link01");
        ValidatableResponse arrested = post(BailApi.ARREST, arrest).statusCode(200);
        String color = arrested.extract().path("color");
        String id = arrested.extract().path("decisionId");
        ValidatableResponse r = assess(with(bailCase(), "caseId", "330702-2026-0460", "subjectId", "S-link01",
                "dangerColor", null, "arrestDecisionId", id));
        r.body("dangerColor", equalTo(color)).body("arrestDecisionId", equalTo(id));
        assertThat(color).isEqualTo("YELLOW");
        assertThat(fired(r)).contains("BAIL-AMT-COLOR-YELLOW");
    }

    @Test
    void a_pinned_policy_version_decides_and_is_quoted() {
        io.restassured.RestAssured.given().auth().preemptive().basic("case-system", "case-system")
                .contentType(io.restassured.http.ContentType.JSON).body(bailCase()).queryParam("policyVersion", 1)
                .when().post(BAIL).then().statusCode(200).body("policy.version", equalTo(1));
        io.restassured.RestAssured.given().auth().preemptive().basic("case-system", "case-system")
                .contentType(io.restassured.http.ContentType.JSON).body(bailCase()).header("X-Policy-Version", "99")
                .when().post(BAIL).then().statusCode(422).body("type", org.hamcrest.Matchers.endsWith("unknown-policy-version"));
    }
}
