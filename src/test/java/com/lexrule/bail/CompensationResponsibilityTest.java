package com.lexrule.bail;

import static com.lexrule.bail.BailApi.COMPENSATION;
import static com.lexrule.bail.BailApi.compensationCase;
import static com.lexrule.bail.BailApi.fired;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * COMP-17-1: a compensation deposit shows a suspect's will to compensate, so CL 17 decides first here too; a person who
 * does not answer for the crime at the age of the act is offered no deposit, and a missing fact is named, not guessed.
 */
@QuarkusTest
class CompensationResponsibilityTest {

    private static ValidatableResponse assess(Map<String, Object> body) {
        return post(COMPENSATION, body).statusCode(200);
    }

    private static void noDeposit(ValidatableResponse r) {
        r.body("eligible", equalTo(false)).body("$", not(hasKey("depositAmount"))).body("effects", empty());
        assertThat(fired(r)).contains("COMP-17-1")
                .doesNotContain("BAIL-17-1", "COMP-ELIG-2", "COMP-EXCL-2", "COMP-EXCL-3", "COMP-AMT-1", "COMP-EFF-1");
    }

    @Test
    void a_fifteen_year_old_does_not_answer_for_theft_so_no_compensation_deposit_is_assessed() {
        ValidatableResponse r = assess(with(compensationCase(), "age", 15));
        noDeposit(r);
        r.body("missingFacts", equalTo(List.of()));
    }

    @Test
    void at_sixteen_the_same_theft_is_assessed() {
        ValidatableResponse r = assess(with(compensationCase(), "age", 16));
        r.body("eligible", equalTo(true));
        assertThat(fired(r)).doesNotContain("COMP-17-1");
    }

    @Test
    void an_injury_at_fifteen_whose_result_is_not_stated_is_not_assessed_and_the_fact_is_named() {
        ValidatableResponse r = assess(with(compensationCase(), "crimeType", "INTENTIONAL_INJURY", "age", 15));
        noDeposit(r);
        r.body("missingFacts", equalTo(List.of("injuryOutcome")));
    }

    @Test
    void an_injury_at_fifteen_that_caused_only_a_light_injury_is_no_crime_of_this_person() {
        ValidatableResponse r = assess(with(compensationCase(), "crimeType", "INTENTIONAL_INJURY", "age", 15,
                "injuryOutcome", "NO_SERIOUS_INJURY"));
        noDeposit(r);
        r.body("missingFacts", equalTo(List.of()));
    }

    @Test
    void a_thirteen_year_old_without_a_word_on_the_spps_approval_is_not_assessed() {
        ValidatableResponse r = assess(with(compensationCase(), "crimeType", "INTENTIONAL_HOMICIDE", "age", 13,
                "injuryOutcome", "DEATH"));
        noDeposit(r);
        r.body("missingFacts", equalTo(List.of("sppApprovalForProsecution")));
    }

    @Test
    void an_adult_is_assessed_as_before() {
        ValidatableResponse r = assess(compensationCase());
        r.body("eligible", equalTo(true)).body("missingFacts", not(hasItem("age")));
        assertThat(fired(r)).doesNotContain("COMP-17-1");
    }

    @Test
    void without_an_age_the_deposit_is_assessed_and_the_age_is_named_as_missing() {
        Map<String, Object> body = new HashMap<>(compensationCase());
        body.remove("age");
        ValidatableResponse r = assess(body);
        r.body("eligible", equalTo(true)).body("missingFacts", hasItem("age"));
        assertThat(fired(r)).doesNotContain("COMP-17-1");
    }

    @Test
    void an_age_below_twelve_is_refused_naming_the_field() {
        post(COMPENSATION, with(compensationCase(), "age", 11)).statusCode(400)
                .body("errors.field", hasItem("age"));
    }
}
