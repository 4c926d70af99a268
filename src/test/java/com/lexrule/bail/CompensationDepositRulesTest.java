package com.lexrule.bail;

import static com.lexrule.bail.BailApi.COMPENSATION;
import static com.lexrule.bail.BailApi.amount;
import static com.lexrule.bail.BailApi.compensationCase;
import static com.lexrule.bail.BailApi.fired;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every compensation-deposit rule of DOMAIN §3, each shown firing and not firing. A deposit is asserted against the
 * assessed loss it may never fall below (COMP-AMT-1); what the multiplier and the rounding make of it is the policy's
 * scenarios' (rules/bail/scenarios/compensation-deposit.json).
 */
@QuarkusTest
class CompensationDepositRulesTest {

    private static ValidatableResponse assess(Map<String, Object> body) {
        return post(COMPENSATION, body).statusCode(200);
    }

    private static BigDecimal loss(Map<String, Object> body) {
        return new BigDecimal(body.get("assessedLoss").toString());
    }

    @Test
    void a_light_theft_whose_victim_cannot_be_reached_may_be_settled_by_a_deposit_not_below_the_assessed_loss() {
        ValidatableResponse r = assess(compensationCase());
        r.body("eligible", equalTo(true)).body("currency", equalTo("CNY"))
                .body("effects", contains("COMPENSATION_DEPOSIT_PAID")).body("policy.family", equalTo("bail"));
        assertThat(amount(r, "depositAmount")).isGreaterThanOrEqualTo(loss(compensationCase()));
        assertThat(fired(r)).contains("COMP-ELIG-1", "COMP-ELIG-2", "COMP-AMT-1", "COMP-AMT-ROUND", "COMP-EFF-1")
                .doesNotContain("COMP-EXCL-1", "COMP-EXCL-2", "COMP-EXCL-3");
    }

    @Test
    void a_crime_not_on_the_list_is_not_settled_by_a_compensation_deposit() {
        ValidatableResponse r = assess(with(compensationCase(), "crimeType", "ROBBERY"));
        r.body("eligible", equalTo(false)).body("$", not(hasKey("depositAmount"))).body("effects", empty());
        assertThat(fired(r)).contains("COMP-EXCL-1").doesNotContain("COMP-ELIG-1", "COMP-AMT-1", "COMP-EFF-1");
    }

    @Test
    void a_theft_likely_to_bring_more_than_three_years_is_not_a_light_crime() {
        ValidatableResponse r = assess(with(compensationCase(), "expectedSentence", "3_TO_10_YEARS"));
        r.body("eligible", equalTo(false));
        assertThat(fired(r)).contains("COMP-EXCL-1").doesNotContain("COMP-ELIG-1");
    }

    @Test
    void a_victim_who_can_be_reached_and_asks_what_the_law_supports_is_compensated_directly() {
        ValidatableResponse r = assess(with(compensationCase(), "victimReachable", true));
        r.body("eligible", equalTo(false));
        assertThat(fired(r)).contains("COMP-ELIG-1", "COMP-EXCL-2").doesNotContain("COMP-ELIG-2", "COMP-EFF-1");
    }

    @Test
    void a_victim_who_asks_more_than_the_law_supports_opens_the_compensation_deposit() {
        ValidatableResponse r = assess(with(compensationCase(), "victimReachable", true, "victimDemandsExcessive", true));
        r.body("eligible", equalTo(true));
        assertThat(fired(r)).contains("COMP-ELIG-2").doesNotContain("COMP-EXCL-2");
    }

    @Test
    void an_unwilling_subject_is_not_assessed_a_compensation_deposit() {
        ValidatableResponse r = assess(with(compensationCase(), "subjectWilling", false));
        r.body("eligible", equalTo(false)).body("effects", empty());
        assertThat(fired(r)).contains("COMP-EXCL-3").doesNotContain("COMP-EFF-1");
    }

    @Test
    void an_injury_deposit_at_the_policys_multiplier_is_not_below_the_assessed_loss() {
        Map<String, Object> injury = with(compensationCase(), "crimeType", "INTENTIONAL_INJURY");
        ValidatableResponse r = assess(injury);
        assertThat(amount(r, "depositAmount")).isGreaterThanOrEqualTo(loss(injury));
        assertThat(fired(r)).contains("COMP-AMT-1");
    }

    @Test
    void the_deposit_is_rounded_up_so_it_never_falls_below_the_assessed_loss() {
        Map<String, Object> odd = with(compensationCase(), "assessedLoss", new BigDecimal("8000.01"));
        ValidatableResponse r = assess(odd);
        assertThat(amount(r, "depositAmount")).isGreaterThanOrEqualTo(loss(odd));
        assertThat(fired(r)).contains("COMP-AMT-ROUND");
    }

    @Test
    void unstated_facts_about_the_victim_and_the_subject_are_reported_missing() {
        ValidatableResponse r = assess(with(compensationCase(), "victimReachable", null, "victimDemandsExcessive", null,
                "subjectWilling", null));
        r.body("eligible", equalTo(false))
                .body("missingFacts", hasItem("victimReachable")).body("missingFacts", hasItem("victimDemandsExcessive"))
                .body("missingFacts", hasItem("subjectWilling"));
    }
}
