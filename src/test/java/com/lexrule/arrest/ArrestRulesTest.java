package com.lexrule.arrest;

import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.ruleIds;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every ARR rule of DOMAIN §1, each shown firing and not firing, against the baseline policy on disk. These tests
 * check what the law fixes (the conditions of CPL 81 and their precedence, CL 17, CPL 74) and how the score is
 * formed; the table's own values (the points, the thresholds, the minors' adjustment) are checked by the policy's
 * scenarios in rules/arrest/scenarios, as data that an officer's table edit updates with the table.
 */
@QuarkusTest
public class ArrestRulesTest {

    public static final String PATH = "/api/v1/assessments/arrest";

    /** An adult, with evidence of an intentional injury punishable by up to three years, no danger shown yet. */
    public static final Map<String, Object> CASE = Map.ofEntries(
            Map.entry("caseId", "TEST-ARR"), Map.entry("subjectId", "S-1"), Map.entry("stage", "ARREST_REVIEW"),
            Map.entry("crimeType", "INTENTIONAL_INJURY"), Map.entry("evidenceOfCrime", true),
            Map.entry("expectedSentence", "UP_TO_3_YEARS"), Map.entry("priorIntentionalCrime", false),
            Map.entry("identityUnknown", false), Map.entry("age", 30), Map.entry("dangerIndicators", List.of()),
            Map.entry("mitigations", List.of()), Map.entry("specialCircumstances", List.of()),
            Map.entry("violatedBailConditions", false));

    static ValidatableResponse assess(Object... changes) {
        return post("case-system", PATH, with(CASE, changes)).statusCode(200);
    }

    @Nested
    class Evidence {
        @Test
        void withoutEvidenceOfACrimeArrestConditionsAreNotMetAndNoDangerIsWeighed() {
            ValidatableResponse r = assess("evidenceOfCrime", false, "dangerIndicators", List.of("DESTROYED_EVIDENCE"),
                    "expectedSentence", "10_YEARS_OR_MORE");
            r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("color", equalTo("GREEN"))
                    .body("recommendedMeasure", equalTo("NO_COERCIVE_MEASURE")).body("score", equalTo(0));
            assertThat(ruleIds(r)).containsExactly("ARR-81-0");
        }

        @Test
        void withEvidenceOfACrimeRule81_0DoesNotApply() {
            assertThat(ruleIds(assess("dangerIndicators", List.of("FLIGHT_HISTORY")))).doesNotContain("ARR-81-0");
        }
    }

    @Nested
    class SentenceBelowImprisonment {
        @Test
        void aLikelySentenceOfCriminalDetentionDoesNotMeetArrestConditions() {
            ValidatableResponse r = assess("crimeType", "THEFT", "expectedSentence", "CRIMINAL_DETENTION",
                    "dangerIndicators", List.of("DESTROYED_EVIDENCE", "INTERFERED_WITH_WITNESS"));
            r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("recommendedMeasure", equalTo("BAIL"));
            assertThat(ruleIds(r)).contains("ARR-81-1").doesNotContain("ARR-COLOR-RED");
        }

        @Test
        void aSentenceOfImprisonmentDoesNotTriggerRule81_1() {
            assertThat(ruleIds(assess("dangerIndicators", List.of("FLIGHT_HISTORY")))).doesNotContain("ARR-81-1");
        }

        @Test
        void aSeriousBailBreachLiftsTheSentenceBarSoRule81_1DoesNotApply() {
            ValidatableResponse r = assess("crimeType", "THEFT", "expectedSentence", "CRIMINAL_DETENTION",
                    "violatedBailConditions", true, "dangerIndicators", List.of("FLIGHT_HISTORY"));
            assertThat(ruleIds(r)).doesNotContain("ARR-81-1").contains("ARR-81-4");
            r.body("legalCategory", equalTo("MAY_ARREST"));
        }
    }

    @Nested
    class StatutoryMaximum {
        @Test
        void dangerousDrivingCannotLeadToArrestWhateverSentenceTheCallerStates() {
            ValidatableResponse r = assess("crimeType", "DANGEROUS_DRIVING", "expectedSentence", "10_YEARS_OR_MORE",
                    "dangerIndicators", List.of("DESTROYED_EVIDENCE", "FLIGHT_HISTORY"));
            r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("color", equalTo("GREEN"));
            assertThat(ruleIds(r)).contains("ARR-81-1b", "ARR-SENT-CAP").doesNotContain("ARR-81-3a", "ARR-COLOR-RED");
        }

        @Test
        void aCrimePunishableByImprisonmentIsNotCaughtByRule81_1b() {
            assertThat(ruleIds(assess("crimeType", "THEFT", "dangerIndicators", List.of("FLIGHT_HISTORY"))))
                    .doesNotContain("ARR-81-1b", "ARR-SENT-CAP");
        }

        @Test
        void aStatedSentenceAboveTheStatuteIsAssessedAtTheStatutoryMaximum() {
            // 帮助信息网络犯罪活动罪: at most three years, so "ten years or more" cannot make arrest mandatory
            ValidatableResponse r = assess("crimeType", "AIDING_CYBERCRIME", "expectedSentence", "10_YEARS_OR_MORE",
                    "dangerIndicators", List.of("FLIGHT_HISTORY"));
            assertThat(ruleIds(r)).contains("ARR-SENT-CAP").doesNotContain("ARR-81-3a");
            r.body("legalCategory", not(equalTo("SHALL_ARREST")));
        }
    }

    @Nested
    class MandatoryArrest {
        @Test
        void tenYearsOrMoreWithEvidenceShallBeArrestedEvenWithoutDangerIndicators() {
            ValidatableResponse r = assess("crimeType", "ROBBERY", "expectedSentence", "10_YEARS_OR_MORE",
                    "mitigations", List.of("PLEADED_GUILTY", "SURRENDERED"));
            r.body("legalCategory", equalTo("SHALL_ARREST")).body("color", equalTo("RED"))
                    .body("recommendedMeasure", equalTo("ARREST"));
            assertThat(ruleIds(r)).contains("ARR-81-3a").doesNotContain("ARR-IND-0", "ARR-COLOR-GREEN");
        }

        @Test
        void threeToTenYearsAloneDoesNotMakeArrestMandatory() {
            assertThat(ruleIds(assess("crimeType", "ROBBERY", "expectedSentence", "3_TO_10_YEARS",
                    "dangerIndicators", List.of("FLIGHT_HISTORY")))).doesNotContain("ARR-81-3a", "ARR-81-3b");
        }

        @Test
        void aPriorIntentionalCrimeWithImprisonmentPossibleShallBeArrested() {
            ValidatableResponse r = assess("priorIntentionalCrime", true);
            r.body("legalCategory", equalTo("SHALL_ARREST")).body("color", equalTo("RED"));
            assertThat(ruleIds(r)).contains("ARR-81-3b");
        }

        @Test
        void anUnknownIdentityWithImprisonmentPossibleShallBeArrested() {
            assess("identityUnknown", true).body("legalCategory", equalTo("SHALL_ARREST"));
        }

        @Test
        void aPriorIntentionalCrimeDoesNotMakeArrestMandatoryWhenOnlyDetentionIsLikely() {
            ValidatableResponse r = assess("priorIntentionalCrime", true, "expectedSentence", "CRIMINAL_DETENTION");
            assertThat(ruleIds(r)).doesNotContain("ARR-81-3b").contains("ARR-81-1");
            r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET"));
        }
    }

    @Nested
    class BailBreach {
        @Test
        void aSeriousBreachOfBailConditionsMakesArrestAvailableWhateverTheScore() {
            ValidatableResponse r = assess("violatedBailConditions", true, "mitigations", List.of("PLEADED_GUILTY"));
            r.body("legalCategory", equalTo("MAY_ARREST")).body("color", equalTo("YELLOW"))
                    .body("recommendedMeasure", equalTo("ARREST"));
            assertThat(ruleIds(r)).contains("ARR-81-4").doesNotContain("ARR-IND-0");
        }

        @Test
        void withoutABreachRule81_4DoesNotApply() {
            assertThat(ruleIds(assess("dangerIndicators", List.of("FLIGHT_HISTORY")))).doesNotContain("ARR-81-4");
        }

        @Test
        void aBreachNeverLowersAMandatoryArrest() {
            assess("violatedBailConditions", true, "expectedSentence", "10_YEARS_OR_MORE")
                    .body("legalCategory", equalTo("SHALL_ARREST")).body("color", equalTo("RED"));
        }
    }

    @Nested
    class Scoring {
        @Test
        void theScoreIsTheSumOfThePointsEachFindingAwardsIndicatorsAddingAndMitigationsSubtracting() {
            ValidatableResponse r = assess("crimeType", "THEFT",
                    "dangerIndicators", List.of("DESTROYED_EVIDENCE", "FLIGHT_HISTORY"), "mitigations", List.of("PLEADED_GUILTY"));
            List<Integer> points = r.extract().path("findings.findAll { it.points != null }.points");
            assertThat(points).hasSize(3);
            r.body("score", equalTo(points.stream().mapToInt(Integer::intValue).sum()));
            assertThat(r.extract().<Integer>path("findings.find { it.ruleId == 'ARR-SCORE-DESTROYED_EVIDENCE' }.points")).isPositive();
            assertThat(r.extract().<Integer>path("findings.find { it.ruleId == 'ARR-SCORE-PLEADED_GUILTY' }.points")).isNegative();
            assertThat(ruleIds(r)).contains("ARR-SCORE-TOTAL");
        }

        @Test
        void anIndicatorSentTwiceIsWeighedOnce() {
            int once = assess("dangerIndicators", List.of("FLIGHT_HISTORY")).extract().path("score");
            assess("dangerIndicators", List.of("FLIGHT_HISTORY", "FLIGHT_HISTORY")).body("score", equalTo(once));
        }

        @Test
        void noPointsRuleFiresForAnIndicatorTheCaseDoesNotHave() {
            assertThat(ruleIds(assess("dangerIndicators", List.of("FLIGHT_HISTORY"))))
                    .noneMatch(id -> id.startsWith("ARR-SCORE-") && !id.equals("ARR-SCORE-FLIGHT_HISTORY") && !id.equals("ARR-SCORE-TOTAL"));
        }
    }

    @Nested
    class ColorCode {
        @Test
        void whereNoStatutoryConditionDecidedExactlyOneColorBandDecidesAndTheAnswerIsItsColor() {
            for (List<String> indicators : List.of(List.of("NO_FIXED_RESIDENCE"), List.of("FLIGHT_HISTORY"),
                    List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE", "FLIGHT_HISTORY"))) {
                ValidatableResponse r = assess("crimeType", "THEFT", "dangerIndicators", indicators);
                List<String> bands = ruleIds(r).stream().filter(id -> id.startsWith("ARR-COLOR-")).toList();
                assertThat(bands).as("%s", indicators).hasSize(1);
                r.body("color", equalTo(bands.get(0).substring("ARR-COLOR-".length())));
            }
        }

        @Test
        void aHigherScoreNeverGivesAMilderColor() {
            List<String> order = List.of("GREEN", "YELLOW", "RED");
            int previous = -1;
            List<String> indicators = new java.util.ArrayList<>();
            for (String indicator : List.of("NO_FIXED_RESIDENCE", "FLIGHT_HISTORY", "DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE")) {
                indicators.add(indicator);
                int color = order.indexOf(assess("crimeType", "THEFT", "dangerIndicators", indicators).extract().<String>path("color"));
                assertThat(color).as("%s", indicators).isGreaterThanOrEqualTo(previous);
                previous = color;
            }
        }

        @Test
        void noColorBandFiresWhenAStatutoryConditionDecided() {
            assertThat(ruleIds(assess("expectedSentence", "10_YEARS_OR_MORE", "dangerIndicators", List.of("FLIGHT_HISTORY"))))
                    .noneMatch(id -> id.startsWith("ARR-COLOR-"));
        }
    }

    @Nested
    class Minors {
        @Test
        void aMinorsThresholdsAreAdjustedSoTheSameFactsNeverGiveAMinorAHarsherColor() {
            List<String> order = List.of("GREEN", "YELLOW", "RED");
            List<String> indicators = List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE");
            String adult = assess("crimeType", "THEFT", "dangerIndicators", indicators).extract().path("color");
            ValidatableResponse minor = assess("age", 16, "crimeType", "THEFT", "dangerIndicators", indicators);
            assertThat(order.indexOf(minor.extract().<String>path("color"))).isLessThanOrEqualTo(order.indexOf(adult));
            assertThat(ruleIds(minor)).contains("ARR-MINOR-1");
        }

        @Test
        void anAdultOfEighteenIsNotTreatedAsAMinor() {
            assertThat(ruleIds(assess("age", 18, "dangerIndicators", List.of("FLIGHT_HISTORY")))).doesNotContain("ARR-MINOR-1");
            assertThat(ruleIds(assess("age", 17, "dangerIndicators", List.of("FLIGHT_HISTORY")))).contains("ARR-MINOR-1");
        }
    }

    @Nested
    class ResidentialSurveillance {
        @Test
        void aPregnantSuspectWhoMeetsArrestConditionsIsRecommendedResidentialSurveillance() {
            // a serious bail breach makes arrest available (CPL 81 ¶4) whatever the table says
            ValidatableResponse r = assess("crimeType", "THEFT", "violatedBailConditions", true,
                    "specialCircumstances", List.of("PREGNANT_OR_NURSING"));
            r.body("legalCategory", equalTo("MAY_ARREST")).body("recommendedMeasure", equalTo("RESIDENTIAL_SURVEILLANCE"));
            assertThat(ruleIds(r)).contains("ARR-74-1");
        }

        @Test
        void residentialSurveillanceLeavesAMandatoryArrestCategoryUnchanged() {
            assess("expectedSentence", "10_YEARS_OR_MORE", "specialCircumstances", List.of("SOLE_CARER"))
                    .body("legalCategory", equalTo("SHALL_ARREST")).body("recommendedMeasure", equalTo("RESIDENTIAL_SURVEILLANCE"));
        }

        @Test
        void aSpecialCircumstanceDoesNotApplyWhenArrestConditionsAreNotMet() {
            ValidatableResponse r = assess("crimeType", "THEFT", "expectedSentence", "CRIMINAL_DETENTION",
                    "dangerIndicators", List.of("NO_FIXED_RESIDENCE"), "specialCircumstances", List.of("SERIOUS_ILLNESS"));
            r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("recommendedMeasure", equalTo("BAIL"));
            assertThat(ruleIds(r)).doesNotContain("ARR-74-1");
        }
    }

    @Nested
    class DangerNotShown {
        @Test
        void withoutAnyDangerIndicatorSocialDangerIsNotShown() {
            ValidatableResponse r = assess("mitigations", List.of("FIRST_OFFENCE"));
            r.body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("color", equalTo("GREEN"));
            assertThat(ruleIds(r)).contains("ARR-IND-0").noneMatch(id -> id.startsWith("ARR-COLOR-"));
        }

        @Test
        void oneIndicatorIsEnoughToWeighDanger() {
            assertThat(ruleIds(assess("dangerIndicators", List.of("NO_FIXED_RESIDENCE")))).doesNotContain("ARR-IND-0");
        }
    }

    @Test
    void everyAnswerQuotesThePolicyVersionAndItsHash() {
        assess("dangerIndicators", List.of("FLIGHT_HISTORY"))
                .body("policy.family", equalTo("arrest")).body("policy.version", equalTo(1))
                .body("policy.sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("findings.legalBasis", not(hasItem((Object) null)))
                .body("findings.reason", not(hasItem((Object) null)));
    }

    @Test
    void anOmittedYesNoFactIsReportedAsMissingWhenItCouldChangeTheOutcome() {
        Map<String, Object> request = new java.util.HashMap<>(CASE);
        request.remove("priorIntentionalCrime");
        request.put("dangerIndicators", List.of("FLIGHT_HISTORY"));
        post("case-system", PATH, request).statusCode(200).body("missingFacts", hasItem("priorIntentionalCrime"));
    }
}
