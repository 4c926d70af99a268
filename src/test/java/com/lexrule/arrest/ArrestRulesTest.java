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
 * Every ARR rule of DOMAIN §1, each shown firing and not firing, against the baseline policy on disk
 * (points and thresholds as in decision-tables/arrest: RED ≥ 60, YELLOW 30–59, minors +20).
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
            r.body("legalCategory", equalTo("MAY_ARREST")).body("color", equalTo("YELLOW"));
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
        void indicatorPointsAreSummedAndMitigationsSubtracted() {
            ValidatableResponse r = assess("crimeType", "THEFT",
                    "dangerIndicators", List.of("DESTROYED_EVIDENCE", "FLIGHT_HISTORY"), "mitigations", List.of("PLEADED_GUILTY"));
            r.body("score", equalTo(40 + 30 - 15));
            r.body("findings.find { it.ruleId == 'ARR-SCORE-DESTROYED_EVIDENCE' }.points", equalTo(40))
                    .body("findings.find { it.ruleId == 'ARR-SCORE-PLEADED_GUILTY' }.points", equalTo(-15));
            assertThat(ruleIds(r)).contains("ARR-SCORE-TOTAL");
        }

        @Test
        void aCrimeTypeOverrideReplacesTheGeneralPointsForThatIndicator() {
            ValidatableResponse injury = assess("dangerIndicators", List.of("THREATENED_VICTIM_OR_INFORMANT"));
            injury.body("score", equalTo(40));
            assertThat(ruleIds(injury)).contains("ARR-SCORE-THREATENED_VICTIM_OR_INFORMANT-INTENTIONAL_INJURY")
                    .doesNotContain("ARR-SCORE-THREATENED_VICTIM_OR_INFORMANT");
            ValidatableResponse theft = assess("crimeType", "THEFT", "dangerIndicators", List.of("THREATENED_VICTIM_OR_INFORMANT"));
            theft.body("score", equalTo(30));
            assertThat(ruleIds(theft)).contains("ARR-SCORE-THREATENED_VICTIM_OR_INFORMANT");
        }

        @Test
        void anIndicatorSentTwiceIsWeighedOnce() {
            assess("dangerIndicators", List.of("FLIGHT_HISTORY", "FLIGHT_HISTORY")).body("score", equalTo(30));
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
        void aScoreAtTheRedThresholdIsRedAndArrestIsRecommended() {
            ValidatableResponse r = assess("crimeType", "THEFT", "dangerIndicators", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE"));
            r.body("score", equalTo(60)).body("color", equalTo("RED")).body("legalCategory", equalTo("MAY_ARREST"))
                    .body("recommendedMeasure", equalTo("ARREST"));
            assertThat(ruleIds(r)).contains("ARR-COLOR-RED").doesNotContain("ARR-COLOR-YELLOW", "ARR-COLOR-GREEN");
        }

        @Test
        void aScoreBetweenTheThresholdsIsYellowForTheProsecutorsOwnReview() {
            ValidatableResponse r = assess("crimeType", "THEFT", "dangerIndicators", List.of("FLIGHT_HISTORY"));
            r.body("score", equalTo(30)).body("color", equalTo("YELLOW")).body("legalCategory", equalTo("MAY_ARREST"));
            assertThat(ruleIds(r)).contains("ARR-COLOR-YELLOW").doesNotContain("ARR-COLOR-RED", "ARR-COLOR-GREEN");
        }

        @Test
        void aScoreBelowTheYellowThresholdIsGreenAndBailIsRecommended() {
            ValidatableResponse r = assess("crimeType", "THEFT", "dangerIndicators", List.of("NO_FIXED_RESIDENCE"));
            r.body("score", equalTo(15)).body("color", equalTo("GREEN"))
                    .body("legalCategory", equalTo("ARREST_CONDITIONS_NOT_MET")).body("recommendedMeasure", equalTo("BAIL"));
            assertThat(ruleIds(r)).contains("ARR-COLOR-GREEN").doesNotContain("ARR-COLOR-RED", "ARR-COLOR-YELLOW");
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
        void forAMinorTheThresholdsRiseSoTheSameScoreIsOneColorLower() {
            ValidatableResponse adult = assess("crimeType", "THEFT", "dangerIndicators", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE"));
            adult.body("color", equalTo("RED"));
            ValidatableResponse minor = assess("age", 16, "crimeType", "THEFT",
                    "dangerIndicators", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE"));
            minor.body("score", equalTo(60)).body("color", equalTo("YELLOW"));
            assertThat(ruleIds(minor)).contains("ARR-MINOR-1");
        }

        @Test
        void anAdultOfEighteenIsNotTreatedAsAMinor() {
            assertThat(ruleIds(assess("age", 18, "dangerIndicators", List.of("FLIGHT_HISTORY")))).doesNotContain("ARR-MINOR-1");
        }
    }

    @Nested
    class ResidentialSurveillance {
        @Test
        void aPregnantSuspectWhoMeetsArrestConditionsIsRecommendedResidentialSurveillance() {
            ValidatableResponse r = assess("crimeType", "THEFT", "dangerIndicators", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE"),
                    "specialCircumstances", List.of("PREGNANT_OR_NURSING"));
            r.body("legalCategory", equalTo("MAY_ARREST")).body("color", equalTo("RED"))
                    .body("recommendedMeasure", equalTo("RESIDENTIAL_SURVEILLANCE"));
            assertThat(ruleIds(r)).contains("ARR-74-1");
        }

        @Test
        void residentialSurveillanceLeavesAMandatoryArrestCategoryUnchanged() {
            assess("expectedSentence", "10_YEARS_OR_MORE", "specialCircumstances", List.of("SOLE_CARER"))
                    .body("legalCategory", equalTo("SHALL_ARREST")).body("recommendedMeasure", equalTo("RESIDENTIAL_SURVEILLANCE"));
        }

        @Test
        void aSpecialCircumstanceDoesNotApplyWhenArrestConditionsAreNotMet() {
            ValidatableResponse r = assess("dangerIndicators", List.of("NO_FIXED_RESIDENCE"), "specialCircumstances", List.of("SERIOUS_ILLNESS"));
            r.body("recommendedMeasure", equalTo("BAIL"));
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
