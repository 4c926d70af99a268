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
import java.util.ArrayList;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyRegistry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every rule of DOMAIN §3 (bail deposit), each shown firing and not firing, one case per test. What the law fixes is
 * asserted here: the guarantee method, the statutory floors (read from the policy's DRL, BAIL-2022 art. 5), a range
 * that never inverts, and a deposit that never falls as the danger rises. The amounts the tables give are the
 * policy's own scenarios (rules/bail/scenarios/bail-deposit.json), so an officer's edit of a table breaks none of these.
 */
@QuarkusTest
class BailDepositRulesTest {

    @Inject
    PolicyRegistry registry;

    private static ValidatableResponse assess(Map<String, Object> body) {
        return post(BAIL, body).statusCode(200);
    }

    /** A deposit range as the law allows it: in yuan, not inverted, not below the floor for this subject. */
    private static void range(ValidatableResponse response, BigDecimal floor) {
        BigDecimal min = amount(response, "depositAmount.min");
        assertThat(min).isGreaterThanOrEqualTo(floor);
        assertThat(amount(response, "depositAmount.max")).isGreaterThanOrEqualTo(min);
        response.body("depositAmount.currency", equalTo("CNY"));
    }

    private static BigDecimal min(ValidatableResponse response) {
        return amount(response, "depositAmount.min");
    }

    private static BigDecimal max(ValidatableResponse response) {
        return amount(response, "depositAmount.max");
    }

    /** The floor the policy in force states in bail-deposit.drl: adultMinimum() or minorMinimum(). */
    private BigDecimal floor(String function) {
        PolicyBundle bundle = registry.current(BailFamily.NAME).bundle();
        BigDecimal floor = DepositTableCheck.drlAmount(bundle, function, new ArrayList<>());
        assertThat(floor).as(function + "() in bail-deposit.drl").isNotNull();
        return floor;
    }

    private BigDecimal adultFloor() {
        return floor(DepositTableCheck.ADULT_MINIMUM);
    }

    private BigDecimal minorFloor() {
        return floor("minorMinimum");
    }

    @Test
    void an_adult_without_a_guarantor_pays_a_deposit_from_the_base_for_the_likely_sentence() {
        ValidatableResponse r = assess(bailCase());
        r.body("bailRecommended", equalTo(true)).body("recommendedMeasure", equalTo("BAIL"))
                .body("guaranteeMethod", equalTo("DEPOSIT"))
                .body("policy.family", equalTo("bail")).body("decisionId", notNullValue());
        range(r, adultFloor());
        assertThat(fired(r)).contains("BAIL-DEP-1", "BAIL-AMT-BASE-UP_TO_3_YEARS", "BAIL-AMT-COLOR-GREEN",
                        "BAIL-AMT-ECON-ORDINARY", "BAIL-AMT-ROUND", "BAIL-AMT-CALC")
                .doesNotContain("BAIL-RED-1", "BAIL-GUAR-1", "BAIL-GUAR-2", "BAIL-74-2", "BAIL-MIN-1", "BAIL-AMT-PROPERTY");
    }

    @Test
    void a_red_subject_is_not_recommended_for_bail_and_would_pay_double_if_bailed_nonetheless() {
        ValidatableResponse r = assess(with(bailCase(), "dangerColor", "RED"));
        r.body("bailRecommended", equalTo(false)).body("recommendedMeasure", equalTo("ARREST"))
                .body("guaranteeMethod", equalTo("DEPOSIT"));
        range(r, adultFloor());
        ValidatableResponse green = assess(bailCase());
        assertThat(min(r)).isGreaterThanOrEqualTo(min(green));
        assertThat(max(r)).isGreaterThanOrEqualTo(max(green));
        assertThat(fired(r)).contains("BAIL-RED-1", "BAIL-AMT-COLOR-RED");
    }

    @Test
    void a_yellow_subject_may_be_bailed() {
        ValidatableResponse r = assess(with(bailCase(), "dangerColor", "YELLOW"));
        r.body("bailRecommended", equalTo(true)).body("recommendedMeasure", equalTo("BAIL"));
        range(r, adultFloor());
        ValidatableResponse green = assess(bailCase());
        ValidatableResponse red = assess(with(bailCase(), "dangerColor", "RED"));
        assertThat(min(r)).isBetween(min(green), min(red));
        assertThat(max(r)).isBetween(max(green), max(red));
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
        range(r, adultFloor());
        ValidatableResponse ordinary = assess(with(bailCase(), "requestedGuaranteeMethod", "DEPOSIT", "dangerColor", "YELLOW"));
        assertThat(max(r)).isLessThanOrEqualTo(max(ordinary));
        assertThat(fired(r)).contains("BAIL-AMT-ECON-HARDSHIP").doesNotContain("BAIL-74-2", "BAIL-MIN-1");
    }

    @Test
    void an_adults_deposit_is_raised_to_the_statutory_minimum() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION"));
        range(r, adultFloor());
        assertThat(min(r)).isEqualByComparingTo(adultFloor());
        assertThat(fired(r)).contains("BAIL-MIN-1");
    }

    @Test
    void a_minors_deposit_is_raised_to_the_minors_statutory_minimum_and_no_further() {
        ValidatableResponse r = assess(with(bailCase(), "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION", "age", 16));
        range(r, minorFloor());
        assertThat(min(r)).isEqualByComparingTo(minorFloor()).isLessThan(adultFloor());
        assertThat(fired(r)).contains("BAIL-MIN-1");
    }

    @Test
    void a_deposit_at_or_above_the_minimum_is_left_as_the_policy_gives_it() {
        ValidatableResponse r = assess(with(bailCase(), "age", 16));
        ValidatableResponse adult = assess(bailCase());
        range(r, minorFloor());
        assertThat(min(r)).isEqualByComparingTo(min(adult));
        assertThat(max(r)).isEqualByComparingTo(max(adult));
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
        ValidatableResponse withoutAmount = assess(with(bailCase(), "crimeType", "THEFT"));
        range(r, adultFloor());
        assertThat(min(r)).isGreaterThan(min(withoutAmount));
        assertThat(fired(r)).contains("BAIL-AMT-PROPERTY");
    }

    @Test
    void a_large_amount_involved_lifts_the_whole_range() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "amountInvolved", 200000));
        ValidatableResponse withoutAmount = assess(with(bailCase(), "crimeType", "THEFT"));
        range(r, adultFloor());
        assertThat(min(r)).isGreaterThan(max(withoutAmount));
        assertThat(fired(r)).contains("BAIL-AMT-PROPERTY");
    }

    @Test
    void the_share_of_the_amount_involved_is_rounded_up_to_the_unit_the_policy_states() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT", "expectedSentence", "NO_IMPRISONMENT",
                "amountInvolved", new BigDecimal("12345.00")));
        range(r, adultFloor());
        assertThat(fired(r)).contains("BAIL-AMT-PROPERTY", "BAIL-AMT-ROUND");
    }

    @Test
    void a_property_crime_without_the_amount_involved_reports_it_missing() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "THEFT"));
        range(r, adultFloor());
        r.body("missingFacts", org.hamcrest.Matchers.hasItem("amountInvolved"));
        assertThat(fired(r)).doesNotContain("BAIL-AMT-PROPERTY");
    }

    @Test
    void the_amount_involved_in_a_crime_against_the_person_does_not_set_the_deposit() {
        ValidatableResponse r = assess(with(bailCase(), "amountInvolved", 500000));
        ValidatableResponse withoutAmount = assess(bailCase());
        range(r, adultFloor());
        assertThat(min(r)).isEqualByComparingTo(min(withoutAmount));
        assertThat(max(r)).isEqualByComparingTo(max(withoutAmount));
        assertThat(fired(r)).doesNotContain("BAIL-AMT-PROPERTY");
    }

    @Test
    void a_crime_with_its_own_row_takes_its_own_base() {
        ValidatableResponse r = assess(with(bailCase(), "crimeType", "DANGEROUS_DRIVING", "expectedSentence", "CRIMINAL_DETENTION"));
        range(r, adultFloor());
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
        assertThat(fired(r)).contains("BAIL-AMT-COLOR-" + color);
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
