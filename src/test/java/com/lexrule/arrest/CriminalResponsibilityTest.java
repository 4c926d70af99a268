package com.lexrule.arrest;

import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.ruleIds;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * ARR-17-1: the age of criminal responsibility (CL art. 17) decides before every ground of CPL 81. The crimes'
 * minimum ages and required results are those of the baseline crime catalog, which follows CL 17 (theft 16;
 * robbery and drug trafficking 14; intentional injury 14 with serious injury or death, 12 with death or serious
 * disability by especially cruel means; homicide 14, and 12 with those results).
 */
@QuarkusTest
class CriminalResponsibilityTest {

    /** The case of the issue: identity unknown, danger shown, a sentence of ten years or more stated. */
    static ValidatableResponse assess(Object... changes) {
        Map<String, Object> request = with(ArrestRulesTest.CASE, "identityUnknown", true,
                "dangerIndicators", List.of("DESTROYED_EVIDENCE", "FLIGHT_HISTORY"), "expectedSentence", "10_YEARS_OR_MORE");
        request.putAll(with(Map.of(), changes));
        return post("case-system", ArrestRulesTest.PATH, request).statusCode(200);
    }

    static void notResponsible(ValidatableResponse r) {
        r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("color", equalTo("GREEN"))
                .body("recommendedMeasure", equalTo("NO_COERCIVE_MEASURE")).body("score", equalTo(0));
        assertThat(ruleIds(r)).isNotEmpty().allMatch("ARR-17-1"::equals);
    }

    @Nested
    class FourteenToFifteen {
        @Test
        void a_fifteen_year_old_does_not_answer_for_theft_so_there_is_no_crime_to_arrest_for() {
            ValidatableResponse r = assess("crimeType", "THEFT", "age", 15);
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of()))
                    .body("findings[0].legalBasis", equalTo("《刑法》第十七条；《刑事诉讼法》第八十一条第一款、第十六条"));
        }

        @Test
        void at_sixteen_the_same_theft_shall_be_arrested_for_an_unknown_identity() {
            ValidatableResponse r = assess("crimeType", "THEFT", "age", 16);
            r.body("legalCategory", equalTo("SHALL_ARREST"));
            assertThat(ruleIds(r)).doesNotContain("ARR-17-1");
        }

        @Test
        void a_fifteen_year_old_answers_for_robbery() {
            ValidatableResponse r = assess("crimeType", "ROBBERY", "age", 15);
            r.body("legalCategory", equalTo("SHALL_ARREST"));
            assertThat(ruleIds(r)).doesNotContain("ARR-17-1").contains("ARR-81-3a");
        }

        @Test
        void an_injury_at_fifteen_whose_result_is_not_stated_is_not_yet_a_crime_of_this_person() {
            ValidatableResponse r = assess("age", 15);
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of("injuryOutcome")));
        }

        @Test
        void an_injury_at_fifteen_that_caused_serious_injury_is_answered_for() {
            ValidatableResponse r = assess("age", 15, "injuryOutcome", "SERIOUS_INJURY");
            r.body("legalCategory", equalTo("SHALL_ARREST"));
            assertThat(ruleIds(r)).doesNotContain("ARR-17-1");
        }

        @Test
        void an_injury_at_fifteen_without_serious_injury_or_death_is_not_answered_for() {
            ValidatableResponse r = assess("age", 15, "injuryOutcome", "NO_SERIOUS_INJURY");
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of()));
        }

        @Test
        void the_result_does_not_matter_at_sixteen() {
            ValidatableResponse r = assess("age", 16);
            r.body("legalCategory", equalTo("SHALL_ARREST")).body("missingFacts", equalTo(List.of()));
            assertThat(ruleIds(r)).doesNotContain("ARR-17-1");
        }
    }

    @Nested
    class TwelveToThirteen {
        @Test
        void a_homicide_at_thirteen_that_caused_death_with_the_spps_approval_is_answered_for() {
            ValidatableResponse r = assess("crimeType", "INTENTIONAL_HOMICIDE", "age", 13, "injuryOutcome", "DEATH",
                    "sppApprovalForProsecution", true);
            r.body("legalCategory", equalTo("SHALL_ARREST"));
            assertThat(ruleIds(r)).doesNotContain("ARR-17-1");
        }

        @Test
        void without_a_word_on_the_spps_approval_the_crime_of_a_thirteen_year_old_is_not_established() {
            ValidatableResponse r = assess("crimeType", "INTENTIONAL_HOMICIDE", "age", 13, "injuryOutcome", "DEATH");
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of("sppApprovalForProsecution")));
        }

        @Test
        void the_spp_refusing_approval_leaves_a_thirteen_year_old_not_responsible() {
            ValidatableResponse r = assess("crimeType", "INTENTIONAL_HOMICIDE", "age", 13, "injuryOutcome", "DEATH",
                    "sppApprovalForProsecution", false);
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of()));
        }

        @Test
        void a_serious_injury_without_especially_cruel_means_does_not_make_a_thirteen_year_old_answer() {
            ValidatableResponse r = assess("age", 13, "injuryOutcome", "SERIOUS_INJURY", "sppApprovalForProsecution", true);
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of()));
        }

        @Test
        void a_serious_disability_by_especially_cruel_means_with_approval_is_answered_for_at_twelve() {
            ValidatableResponse r = assess("age", 12, "injuryOutcome", "SEVERE_DISABILITY_BY_CRUEL_MEANS",
                    "sppApprovalForProsecution", true);
            r.body("legalCategory", equalTo("SHALL_ARREST"));
            assertThat(ruleIds(r)).doesNotContain("ARR-17-1");
        }

        @Test
        void a_thirteen_year_olds_homicide_with_neither_fact_stated_lists_both() {
            ValidatableResponse r = assess("crimeType", "INTENTIONAL_HOMICIDE", "age", 13);
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of("injuryOutcome", "sppApprovalForProsecution")));
        }

        @Test
        void a_thirteen_year_old_does_not_answer_for_robbery_whatever_the_spp_says() {
            ValidatableResponse r = assess("crimeType", "ROBBERY", "age", 13, "sppApprovalForProsecution", true);
            notResponsible(r);
            r.body("missingFacts", equalTo(List.of()));
        }
    }

    @Nested
    class Precedence {
        @Test
        void a_serious_bail_breach_does_not_make_a_person_who_is_not_responsible_arrestable() {
            notResponsible(assess("crimeType", "THEFT", "age", 15, "violatedBailConditions", true,
                    "priorIntentionalCrime", true, "specialCircumstances", List.of("SERIOUS_ILLNESS")));
        }

        @Test
        void without_evidence_of_a_crime_the_evidence_rule_speaks_not_the_age_rule() {
            ValidatableResponse r = assess("crimeType", "THEFT", "age", 15, "evidenceOfCrime", false);
            assertThat(ruleIds(r)).containsExactly("ARR-81-0");
        }

        @Test
        void an_omitted_result_is_listed_beside_the_other_facts_that_could_change_the_answer() {
            Map<String, Object> request = new HashMap<>(with(ArrestRulesTest.CASE, "age", 15,
                    "dangerIndicators", List.of("FLIGHT_HISTORY")));
            request.remove("priorIntentionalCrime");
            post("case-system", ArrestRulesTest.PATH, request).statusCode(200)
                    .body("missingFacts", equalTo(List.of("injuryOutcome", "priorIntentionalCrime")));
        }
    }
}
