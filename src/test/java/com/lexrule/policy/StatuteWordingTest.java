package com.lexrule.policy;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The baseline's reasons and citations say what the provisions say (issue 11's audit of the citations): each test
 * fires one rule, or reads one catalog row, and checks the words an officer reads.
 */
@QuarkusTest
class StatuteWordingTest {

    static final Map<String, Object> ARREST = Map.ofEntries(
            Map.entry("caseId", "W-1"), Map.entry("subjectId", "S-1"), Map.entry("crimeType", "THEFT"),
            Map.entry("evidenceOfCrime", true), Map.entry("expectedSentence", "UP_TO_3_YEARS"),
            Map.entry("priorIntentionalCrime", false), Map.entry("identityUnknown", false), Map.entry("age", 30),
            Map.entry("dangerIndicators", List.of("FLIGHT_HISTORY")), Map.entry("mitigations", List.of()),
            Map.entry("violatedBailConditions", false));

    static final Map<String, Object> BAIL = Map.of("caseId", "W-2", "subjectId", "S-2", "crimeType", "INTENTIONAL_INJURY",
            "expectedSentence", "UP_TO_3_YEARS", "age", 35, "dangerColor", "GREEN", "economicStatus", "ORDINARY",
            "guarantorAvailable", false);

    static JsonPath finding(String path, Map<String, Object> request, String ruleId) {
        JsonPath answer = post("case-system", path, request).statusCode(200).extract().jsonPath();
        Map<String, Object> found = answer.getMap("findings.find { it.ruleId == '" + ruleId + "' }");
        assertThat(found).as(ruleId + " fired").isNotNull();
        return new JsonPath(toJson(found));
    }

    static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonPath catalog(String family) {
        return as("case-system").get("/api/v1/policies/" + family + "/catalog").then().statusCode(200).extract().jsonPath();
    }

    @Nested
    class Arrest {
        static final String PATH = "/api/v1/assessments/arrest";

        @Test
        void pleading_guilty_is_a_factor_in_weighing_danger_under_cpl_81_para_2_not_a_fall_in_danger() {
            JsonPath f = finding(PATH, with(ARREST, "mitigations", List.of("PLEADED_GUILTY")), "ARR-SCORE-PLEADED_GUILTY");
            assertThat(f.getString("legalBasis")).startsWith("《刑事诉讼法》第八十一条第二款；《人民检察院刑事诉讼规则》第一百四十条")
                    .doesNotContain("第十五条");
            assertThat(f.getString("reason")).contains("考虑因素").doesNotContain("降低");
        }

        @Test
        void a_yellow_code_asks_for_the_prosecutors_review_and_never_says_may_arrest() {
            JsonPath f = finding(PATH, ARREST, "ARR-COLOR-YELLOW");
            assertThat(f.getString("reason")).contains("需检察官审查社会危险性").doesNotContain("可以逮捕");
        }

        @Test
        void a_red_code_recommends_arrest_for_the_prosecutor_to_decide() {
            JsonPath f = finding(PATH, with(ARREST, "dangerIndicators", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE")), "ARR-COLOR-RED");
            assertThat(f.getString("reason")).contains("建议逮捕（由检察官认定）").doesNotContain("可以逮捕");
        }

        @Test
        void only_a_serious_bail_breach_says_may_be_arrested_and_without_internal_notes() {
            JsonPath f = finding(PATH, with(ARREST, "violatedBailConditions", true), "ARR-81-4");
            assertThat(f.getString("reason")).contains("可以予以逮捕").doesNotContain("（至少");
        }

        @Test
        void a_maximum_of_criminal_detention_is_named_as_such_and_bail_is_available_by_law() {
            JsonPath f = finding(PATH, with(ARREST, "crimeType", "DANGEROUS_DRIVING", "expectedSentence", "CRIMINAL_DETENTION"), "ARR-81-1b");
            assertThat(f.getString("reason")).contains("法定最高刑为拘役", "可以依法取保候审").doesNotContain("低于有期徒刑", "至多");
        }

        @Test
        void residential_surveillance_quotes_cpl_74s_list() {
            JsonPath f = finding(PATH, with(ARREST, "dangerIndicators", List.of("DESTROYED_EVIDENCE", "ATTEMPTED_SUICIDE"),
                    "specialCircumstances", List.of("SERIOUS_ILLNESS")), "ARR-74-1");
            assertThat(f.getString("reason")).contains("患有严重疾病、生活不能自理的", "怀孕或者正在哺乳自己婴儿的妇女");
        }

        @Test
        void the_catalog_words_residence_as_the_statutes_do_and_names_the_objects_of_retaliation() {
            JsonPath c = catalog("arrest");
            assertThat(c.getString("catalogs.dangerIndicators.NO_FIXED_RESIDENCE.label")).isEqualTo("无固定住处");
            assertThat(c.getString("catalogs.dangerIndicators.THREATENED_VICTIM_OR_INFORMANT.label")).contains("对被害人、举报人、控告人");
            assertThat(c.getString("catalogs.specialCircumstances.SERIOUS_ILLNESS.label")).isEqualTo("患有严重疾病、生活不能自理的");
            assertThat(c.getString("catalogs.crimeTypes.PICKING_QUARRELS.attributes.article")).startsWith("《刑法》第二百九十三条第二款");
        }
    }

    @Nested
    class Bail {
        static final String PATH = "/api/v1/assessments/bail-deposit";

        @Test
        void a_guarantor_for_a_person_unable_to_pay_cites_the_procuratorates_rules_not_cpl_69() {
            JsonPath f = finding(PATH, with(BAIL, "economicStatus", "HARDSHIP", "guarantorAvailable", true), "BAIL-GUAR-1");
            assertThat(f.getString("legalBasis")).startsWith("《人民检察院刑事诉讼规则》第八十九条第三款第（一）项").doesNotContain("第六十九条");
        }

        @Test
        void a_wealthy_persons_factor_rests_on_the_persons_economic_status_not_the_local_level() {
            JsonPath f = finding(PATH, with(BAIL, "economicStatus", "WEALTHY"), "BAIL-AMT-ECON-WEALTHY");
            assertThat(f.getString("legalBasis")).contains("被取保候审人的经济状况").doesNotContain("当地经济发展水平");
        }

        @Test
        void surveillance_for_want_of_guarantor_and_deposit_states_its_precondition() {
            JsonPath f = finding(PATH, with(BAIL, "economicStatus", "HARDSHIP"), "BAIL-74-2");
            assertThat(f.getString("reason")).contains("符合取保候审条件");
        }

        @Test
        void the_minors_floor_is_called_the_starting_amount() {
            Map<String, Object> request = new HashMap<>(with(BAIL, "economicStatus", "HARDSHIP", "requestedGuaranteeMethod", "DEPOSIT",
                    "crimeType", "PICKING_QUARRELS", "expectedSentence", "CRIMINAL_DETENTION", "age", 16));
            JsonPath f = finding(PATH, request, "BAIL-MIN-1");
            assertThat(f.getString("reason")).contains("起点数额");
        }

        @Test
        void a_paid_compensation_deposit_is_a_factor_under_cpl_81_para_2_and_its_payout_is_local_practice() {
            Map<String, Object> request = Map.of("caseId", "W-3", "subjectId", "S-3", "crimeType", "THEFT",
                    "expectedSentence", "UP_TO_3_YEARS", "assessedLoss", 8000, "victimReachable", false,
                    "victimDemandsExcessive", false, "subjectWilling", true);
            JsonPath f = finding("/api/v1/assessments/compensation-deposit", request, "COMP-EFF-1");
            assertThat(f.getString("legalBasis")).startsWith("《刑事诉讼法》第八十一条第二款").doesNotContain("第八十一条第一款");
            assertThat(f.getString("reason")).contains("地方做法");
        }

        @Test
        void a_reachable_victim_should_rather_be_compensated_directly_as_no_law_imposes_it() {
            Map<String, Object> request = Map.of("caseId", "W-4", "subjectId", "S-4", "crimeType", "THEFT",
                    "expectedSentence", "UP_TO_3_YEARS", "assessedLoss", 8000, "victimReachable", true,
                    "victimDemandsExcessive", false, "subjectWilling", true);
            JsonPath f = finding("/api/v1/assessments/compensation-deposit", request, "COMP-EXCL-2");
            assertThat(f.getString("reason")).contains("宜直接赔偿").doesNotContain("应当");
        }
    }

    @Nested
    class Meritorious {
        @Test
        void relatives_service_is_excluded_by_part_four_and_its_weighing_is_cited_as_case_law() {
            Map<String, Object> request = Map.of("caseId", "W-5", "subjectId", "S-5", "claimType", "PROVIDED_LEAD",
                    "leadSource", "PROVIDED_BY_RELATIVES", "verification", "VERIFIED", "practicalEffect", true);
            JsonPath f = finding("/api/v1/assessments/meritorious-service", request, "MS-EXCL-03");
            assertThat(f.getString("legalBasis")).startsWith("《关于处理自首和立功若干具体问题的意见》四第三款")
                    .contains("《刑事审判参考》总第67集");
        }

        @Test
        void assisted_capture_is_cited_to_part_five_of_the_2010_opinions() {
            JsonPath c = catalog("meritorious-service");
            assertThat(c.getString("catalogs.claimTypes.ASSISTED_CAPTURE.attributes.article")).endsWith("意见》五");
            for (String kind : List.of("LED_CAPTURE", "LURED_SUSPECT", "IDENTIFIED_SUSPECT", "GAVE_UNKNOWN_LOCATION",
                    "ONLY_BASIC_INFO_OF_ACCOMPLICE")) {
                assertThat(c.getString("catalogs.assistanceKinds." + kind + ".attributes.counts")).as(kind)
                        .contains("意见》五").doesNotContain("意见》三");
            }
            assertThat(c.getString("catalogs.leadSources.PROVIDED_BY_RELATIVES.attributes.excluded")).contains("《刑事审判参考》总第67集");
            assertThat(c.getString("catalogs.evidenceItems.OTHER_CASE_DOCUMENT.attributes.mustShow")).contains("较大影响")
                    .doesNotContain("重大影响");
        }
    }
}
