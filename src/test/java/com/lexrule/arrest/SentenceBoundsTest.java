package com.lexrule.arrest;

import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.ruleIds;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import com.lexrule.sentencing.SentenceBand;

/**
 * CL art. 99: 以上、以下、以内 include the number itself. A crime punishable by up to ten years reaches CPL 81 ¶3
 * ("ten years or more"); one punishable by up to three years stays in UP_TO_3_YEARS.
 */
@QuarkusTest
class SentenceBoundsTest {

    static ValidatableResponse assess(Object... changes) {
        return post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, changes)).statusCode(200);
    }

    @Test
    void picking_quarrels_punishable_by_up_to_ten_years_reaches_ten_years_or_more_and_shall_be_arrested() {
        ValidatableResponse r = assess("crimeType", "PICKING_QUARRELS", "expectedSentence", "10_YEARS_OR_MORE");
        r.body("legalCategory", equalTo("SHALL_ARREST")).body("color", equalTo("RED"));
        assertThat(ruleIds(r)).contains("ARR-81-3a").doesNotContain("ARR-SENT-CAP");
    }

    @Test
    void a_crime_punishable_by_up_to_three_years_is_capped_below_three_to_ten() {
        ValidatableResponse r = assess("crimeType", "AIDING_CYBERCRIME", "expectedSentence", "3_TO_10_YEARS",
                "dangerIndicators", List.of("FLIGHT_HISTORY"));
        assertThat(ruleIds(r)).contains("ARR-SENT-CAP").doesNotContain("ARR-81-3a");
    }

    @Test
    void a_crime_punishable_by_up_to_three_years_is_not_capped_when_three_years_are_stated() {
        ValidatableResponse r = assess("crimeType", "AIDING_CYBERCRIME", "expectedSentence", "UP_TO_3_YEARS",
                "dangerIndicators", List.of("FLIGHT_HISTORY"));
        assertThat(ruleIds(r)).doesNotContain("ARR-SENT-CAP");
    }

    @Test
    void the_bands_include_their_bounds_as_cl_99_says() {
        assertThat(SentenceBand.ofTermMonths(36)).isEqualTo(SentenceBand.UP_TO_3_YEARS);
        assertThat(SentenceBand.ofTermMonths(37)).isEqualTo(SentenceBand.THREE_TO_10_YEARS);
        assertThat(SentenceBand.ofTermMonths(119)).isEqualTo(SentenceBand.THREE_TO_10_YEARS);
        assertThat(SentenceBand.ofTermMonths(120)).isEqualTo(SentenceBand.TEN_YEARS_OR_MORE);
        assertThat(new StatutoryMaximum(StatutoryMaximum.Kind.LIFE, null).band()).isEqualTo(SentenceBand.TEN_YEARS_OR_MORE);
        assertThat(new StatutoryMaximum(StatutoryMaximum.Kind.CRIMINAL_DETENTION, 6).band()).isEqualTo(SentenceBand.CRIMINAL_DETENTION);
    }
}
