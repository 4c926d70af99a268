package com.lexrule.meritorious;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The meritorious-service family (DOMAIN §2) against the running service and its baseline policy: one case per
 * rule that makes it fire and one that shows where it stops, the precedence the law fixes, and bad requests.
 */
@QuarkusTest
class MeritoriousServiceTest {

    static final String PATH = "/api/v1/assessments/meritorious-service";

    /** A verified lead of the subject's own knowledge that solved another case, with the evidence the table asks. */
    static Map<String, Object> verifiedLead() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", "330702-2026-0519");
        body.put("subjectId", "S-51c0de");
        body.put("claimType", "PROVIDED_LEAD");
        body.put("leadSource", "OWN_KNOWLEDGE");
        body.put("concernsOwnJointCrime", false);
        body.put("alreadyKnownToAuthorities", false);
        body.put("verification", "VERIFIED");
        body.put("practicalEffect", true);
        body.put("otherPersonLikelySentence", "BELOW_LIFE");
        body.put("majorInfluence", false);
        body.put("evidenceItems", new ArrayList<>(List.of("AGENCY_STATEMENT", "VERIFICATION_RECORD", "LEAD_SOURCE_RECORD")));
        return body;
    }

    static Map<String, Object> verifiedCapture(String assistanceKind) {
        Map<String, Object> body = verifiedLead();
        body.put("claimType", "ASSISTED_CAPTURE");
        body.put("assistanceKind", assistanceKind);
        body.put("evidenceItems", new ArrayList<>(List.of("AGENCY_STATEMENT", "VERIFICATION_RECORD", "CAPTURE_RECORD")));
        return body;
    }

    static Map<String, Object> verifiedReport() {
        Map<String, Object> body = verifiedLead();
        body.put("claimType", "REPORTED_OTHERS_CRIME");
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    static Map<String, Object> withoutEvidence(Map<String, Object> body, String... items) {
        @SuppressWarnings("unchecked")
        List<String> evidence = (List<String>) body.get("evidenceItems");
        evidence.removeAll(List.of(items));
        return body;
    }

    static ValidatableResponse assess(Map<String, Object> body) {
        return given().auth().preemptive().basic("case-system", "case-system")
                .contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then();
    }

    static ValidatableResponse assessOk(Map<String, Object> body) {
        return assess(body).statusCode(200).contentType(ContentType.JSON);
    }

    @Nested
    class Exclusions {

        @Test
        void a_lead_bought_with_bribery_or_coercion_is_not_meritorious_service() {
            assessOk(with(verifiedLead(), "leadSource", "ILLEGAL_MEANS"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-01"))
                    .body("findings.find { it.ruleId == 'MS-EXCL-01' }.legalBasis", startsWith("《关于处理自首和立功若干具体问题的意见》四"))
                    .body("sentencingEffect", nullValue())
                    .body("missingEvidence", empty());
        }

        @Test
        void a_lead_obtained_during_a_lawyers_visit_is_not_meritorious_service() {
            assessOk(with(verifiedLead(), "leadSource", "DETENTION_RULE_BREACH"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-01"));
        }

        @Test
        void a_lead_heard_lawfully_from_a_cellmate_and_reported_by_the_subject_is_not_excluded() {
            assessOk(with(verifiedLead(), "leadSource", "LEARNED_FROM_OTHERS"))
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", everyItem(not(startsWith("MS-EXCL"))));
        }

        @Test
        void a_lead_known_from_the_subjects_former_office_of_crime_control_is_not_meritorious_service() {
            assessOk(with(verifiedLead(), "leadSource", "FORMER_OFFICIAL_DUTY"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-02"));
        }

        @Test
        void a_lead_passed_on_by_an_official_with_a_duty_to_suppress_crime_is_not_meritorious_service() {
            assessOk(with(verifiedLead(), "leadSource", "FROM_OFFICIAL_WITH_DUTY"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-02"));
        }

        @Test
        void a_lead_of_the_subjects_own_knowledge_is_not_excluded_by_its_source() {
            assessOk(verifiedLead())
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", not(hasItems("MS-EXCL-01")))
                    .body("findings.ruleId", not(hasItems("MS-EXCL-02")))
                    .body("findings.ruleId", not(hasItems("MS-EXCL-03")));
        }

        @Test
        void service_rendered_by_relatives_on_the_subjects_behalf_is_not_the_subjects_meritorious_service() {
            assessOk(with(verifiedLead(), "leadSource", "PROVIDED_BY_RELATIVES"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-03"));
        }

        @Test
        void reporting_ones_own_joint_crime_is_confession_not_meritorious_service() {
            assessOk(with(verifiedReport(), "concernsOwnJointCrime", true))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-04"));
        }

        @Test
        void reporting_an_accomplices_crime_outside_the_joint_crime_is_meritorious_service() {
            assessOk(with(verifiedReport(), "concernsOwnJointCrime", false))
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", not(hasItem("MS-EXCL-04")))
                    .body("sentencingEffect", equalTo("可以从轻或者减轻处罚"));
        }

        @Test
        void giving_only_the_accomplices_name_and_address_is_not_assisting_capture() {
            assessOk(verifiedCapture("ONLY_BASIC_INFO_OF_ACCOMPLICE"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-05"));
        }

        @Test
        void leading_investigators_to_the_suspect_is_assisting_capture() {
            assessOk(verifiedCapture("LED_CAPTURE"))
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", not(hasItem("MS-EXCL-05")));
        }

        @Test
        void a_lead_that_only_confirms_what_the_authorities_already_held_is_not_a_lead() {
            assessOk(with(verifiedLead(), "alreadyKnownToAuthorities", true))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EXCL-06"))
                    .body("findings.find { it.ruleId == 'MS-EXCL-06' }.legalBasis", startsWith("《刑事审判参考》第710号"));
        }

        @Test
        void a_lead_the_authorities_did_not_hold_is_not_excluded_as_known() {
            assessOk(with(verifiedLead(), "alreadyKnownToAuthorities", false))
                    .body("findings.ruleId", not(hasItem("MS-EXCL-06")));
        }

        @Test
        void every_exclusion_that_applies_is_reported_each_with_its_source() {
            assessOk(with(verifiedReport(), "leadSource", "ILLEGAL_MEANS", "concernsOwnJointCrime", true,
                    "alreadyKnownToAuthorities", true))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", contains("MS-EXCL-01", "MS-EXCL-04", "MS-EXCL-06"))
                    .body("findings.legalBasis", everyItem(notNullValue()))
                    .body("missingFacts", empty());
        }
    }

    @Nested
    class Verification {

        @Test
        void a_lead_found_untrue_is_not_meritorious_service() {
            assessOk(with(verifiedLead(), "verification", "NOT_VERIFIED"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-VER-01"))
                    .body("missingEvidence", empty());
        }

        @Test
        void a_verified_lead_is_not_refused_for_verification() {
            assessOk(verifiedLead())
                    .body("findings.ruleId", not(hasItems("MS-VER-01")))
                    .body("findings.ruleId", not(hasItems("MS-VER-02")));
        }

        @Test
        void a_lead_still_being_checked_leaves_the_evidence_insufficient_and_lists_what_is_still_needed() {
            assessOk(withoutEvidence(with(verifiedLead(), "verification", "PENDING"), "VERIFICATION_RECORD"))
                    .body("determination", equalTo("INSUFFICIENT_EVIDENCE"))
                    .body("findings.ruleId", hasItem("MS-VER-02"))
                    .body("missingEvidence.code", contains("VERIFICATION_RECORD"))
                    .body("missingEvidence[0].issuer", equalTo("查证的侦查机关"))
                    .body("sentencingEffect", nullValue());
        }

        @Test
        void an_unstated_verification_is_treated_as_pending_and_reported_as_a_missing_fact() {
            Map<String, Object> body = verifiedLead();
            body.remove("verification");
            assessOk(body)
                    .body("determination", equalTo("INSUFFICIENT_EVIDENCE"))
                    .body("findings.ruleId", hasItem("MS-VER-02"))
                    .body("missingFacts", hasItem("verification"));
        }
    }

    @Nested
    class PracticalEffect {

        @Test
        void a_verified_lead_that_solved_nothing_is_not_meritorious_service() {
            assessOk(with(verifiedLead(), "practicalEffect", false))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EFF-01"));
        }

        @Test
        void help_in_a_capture_that_did_not_lead_to_it_is_not_meritorious_service() {
            assessOk(with(verifiedCapture("IDENTIFIED_SUSPECT"), "practicalEffect", false))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", hasItem("MS-EFF-01"));
        }

        @Test
        void a_reported_crime_found_true_needs_no_further_effect() {
            assessOk(with(verifiedReport(), "practicalEffect", false))
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", not(hasItem("MS-EFF-01")));
        }
    }

    @Nested
    class Evidence {

        @Test
        void a_lead_without_the_record_of_its_source_is_insufficiently_proven_and_the_answer_says_what_to_obtain() {
            assessOk(withoutEvidence(verifiedLead(), "LEAD_SOURCE_RECORD"))
                    .body("determination", equalTo("INSUFFICIENT_EVIDENCE"))
                    .body("findings.ruleId", contains("MS-EVID-PROVIDED_LEAD-LEAD_SOURCE_RECORD"))
                    .body("missingEvidence.code", contains("LEAD_SOURCE_RECORD"))
                    .body("missingEvidence[0].label", equalTo("线索来源及提供时间的记录"))
                    .body("missingEvidence[0].mustShow", startsWith("提供线索的时间、方式和内容"))
                    .body("missingEvidence[0].issuer", equalTo("看守所或者办案机关"))
                    .body("sentencingEffect", nullValue());
        }

        @Test
        void an_assisted_capture_without_the_record_of_the_capture_is_insufficiently_proven() {
            assessOk(withoutEvidence(verifiedCapture("LURED_SUSPECT"), "CAPTURE_RECORD", "AGENCY_STATEMENT"))
                    .body("determination", equalTo("INSUFFICIENT_EVIDENCE"))
                    .body("findings.ruleId", hasItems("MS-EVID-ASSISTED_CAPTURE-AGENCY_STATEMENT",
                            "MS-EVID-ASSISTED_CAPTURE-CAPTURE_RECORD"))
                    .body("missingEvidence.code", contains("AGENCY_STATEMENT", "CAPTURE_RECORD"))
                    .body("missingEvidence.mustShow", everyItem(notNullValue()))
                    .body("missingEvidence.issuer", everyItem(notNullValue()));
        }

        @Test
        void preventing_a_crime_needs_no_record_of_a_lead_source() {
            Map<String, Object> body = withoutEvidence(with(verifiedLead(), "claimType", "PREVENTED_CRIME"), "LEAD_SOURCE_RECORD");
            assessOk(body)
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", everyItem(not(startsWith("MS-EVID"))))
                    .body("missingEvidence", empty());
        }

        @Test
        void a_fully_documented_claim_has_nothing_missing() {
            assessOk(verifiedLead())
                    .body("findings.ruleId", contains("MS-QUAL-01"))
                    .body("missingEvidence", empty())
                    .body("missingFacts", empty())
                    .body("policy.family", equalTo("meritorious-service"))
                    .body("policy.version", notNullValue())
                    .body("policy.sha256", notNullValue())
                    .body("decisionId", notNullValue())
                    .body("decidedAt", notNullValue());
        }
    }

    @Nested
    class MajorService {

        @Test
        void a_lead_against_someone_facing_life_imprisonment_proven_by_his_indictment_is_major_meritorious_service() {
            Map<String, Object> body = with(verifiedLead(), "otherPersonLikelySentence", "LIFE_OR_DEATH");
            ((List<String>) body.get("evidenceItems")).add("OTHER_CASE_DOCUMENT");
            assessOk(body)
                    .body("determination", equalTo("MAJOR_MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", hasItem("MS-MAJOR-01"))
                    .body("sentencingEffect", equalTo("可以减轻或者免除处罚"))
                    .body("missingEvidence", empty());
        }

        @Test
        void a_case_of_major_influence_in_the_province_proven_by_its_documents_is_major_meritorious_service() {
            Map<String, Object> body = with(verifiedReport(), "majorInfluence", true);
            ((List<String>) body.get("evidenceItems")).add("OTHER_CASE_DOCUMENT");
            assessOk(body)
                    .body("determination", equalTo("MAJOR_MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", hasItem("MS-MAJOR-01"));
        }

        @Test
        void a_lead_against_someone_facing_less_than_life_is_ordinary_meritorious_service() {
            Map<String, Object> body = verifiedLead();
            ((List<String>) body.get("evidenceItems")).add("OTHER_CASE_DOCUMENT");
            assessOk(body)
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", not(hasItem("MS-MAJOR-01")))
                    .body("findings.ruleId", not(hasItem("MS-MAJOR-02")));
        }

        @Test
        void a_major_claim_without_the_other_cases_document_stays_meritorious_service_and_asks_for_the_document() {
            assessOk(with(verifiedLead(), "otherPersonLikelySentence", "LIFE_OR_DEATH"))
                    .body("determination", equalTo("MERITORIOUS_SERVICE"))
                    .body("findings.ruleId", hasItem("MS-MAJOR-02"))
                    .body("findings.ruleId", not(hasItem("MS-MAJOR-01")))
                    .body("missingEvidence.code", contains("OTHER_CASE_DOCUMENT"))
                    .body("missingEvidence[0].issuer", equalTo("被揭发案件的立案机关、人民检察院或者人民法院"))
                    .body("sentencingEffect", equalTo("可以从轻或者减轻处罚"));
        }

        @Test
        void an_excluded_lead_is_never_tested_for_major_service() {
            assessOk(with(verifiedLead(), "otherPersonLikelySentence", "LIFE_OR_DEATH", "leadSource", "PROVIDED_BY_RELATIVES"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", contains("MS-EXCL-03"))
                    .body("missingEvidence", empty());
        }
    }

    @Nested
    class Precedence {

        @Test
        void an_excluded_lead_still_being_checked_is_not_meritorious_service_not_merely_unproven() {
            assessOk(with(verifiedLead(), "leadSource", "DETENTION_RULE_BREACH", "verification", "PENDING"))
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", contains("MS-EXCL-01"))
                    .body("findings.ruleId", not(hasItem("MS-VER-02")))
                    .body("missingEvidence", empty());
        }

        @Test
        void missing_evidence_cannot_revive_or_even_be_asked_for_an_excluded_lead() {
            Map<String, Object> body = with(verifiedLead(), "alreadyKnownToAuthorities", true, "evidenceItems", new ArrayList<>());
            assessOk(body)
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", contains("MS-EXCL-06"))
                    .body("missingEvidence", empty());
        }

        @Test
        void a_lead_found_untrue_is_refused_before_its_evidence_is_weighed() {
            Map<String, Object> body = with(verifiedLead(), "verification", "NOT_VERIFIED", "evidenceItems", new ArrayList<>());
            assessOk(body)
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", contains("MS-VER-01"))
                    .body("missingEvidence", empty());
        }

        @Test
        void a_lead_without_effect_is_refused_before_its_evidence_is_weighed() {
            Map<String, Object> body = with(verifiedLead(), "practicalEffect", false, "evidenceItems", new ArrayList<>());
            assessOk(body)
                    .body("determination", equalTo("NOT_MERITORIOUS"))
                    .body("findings.ruleId", contains("MS-EFF-01"))
                    .body("missingEvidence", empty());
        }

        @Test
        void missing_evidence_is_weighed_before_the_major_test() {
            Map<String, Object> body = withoutEvidence(with(verifiedLead(), "majorInfluence", true), "AGENCY_STATEMENT");
            ((List<String>) body.get("evidenceItems")).add("OTHER_CASE_DOCUMENT");
            assessOk(body)
                    .body("determination", equalTo("INSUFFICIENT_EVIDENCE"))
                    .body("findings.ruleId", not(hasItem("MS-MAJOR-01")))
                    .body("missingEvidence.code", contains("AGENCY_STATEMENT"));
        }
    }

    @Nested
    class BadRequests {

        @Test
        void an_unknown_claim_type_is_refused_naming_the_field() {
            assess(with(verifiedLead(), "claimType", "GOOD_BEHAVIOUR"))
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://lexrule.example/problems/unknown-code"))
                    .body("errors[0].field", equalTo("claimType"))
                    .body("errors[0].allowedValues", hasItem("PROVIDED_LEAD"));
        }

        @Test
        void an_unknown_lead_source_is_refused_naming_the_field() {
            assess(with(verifiedLead(), "leadSource", "OVERHEARD"))
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("leadSource"));
        }

        @Test
        void an_unknown_evidence_item_is_refused_naming_the_field() {
            Map<String, Object> body = verifiedLead();
            ((List<String>) body.get("evidenceItems")).add("VIDEO_TAPE");
            assess(body)
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://lexrule.example/problems/unknown-code"))
                    .body("errors[0].field", equalTo("evidenceItems[3]"))
                    .body("errors[0].rejectedValue", equalTo("VIDEO_TAPE"));
        }

        @Test
        void an_assisted_capture_that_does_not_say_how_the_subject_helped_is_refused_naming_assistance_kind() {
            Map<String, Object> body = verifiedCapture("LED_CAPTURE");
            body.remove("assistanceKind");
            assess(body)
                    .statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("https://lexrule.example/problems/invalid-request"))
                    .body("errors.field", contains("assistanceKind"));
        }

        @Test
        void a_claim_without_a_claim_type_or_case_is_refused() {
            Map<String, Object> body = verifiedLead();
            body.remove("claimType");
            body.remove("caseId");
            assess(body)
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("caseId", "claimType"));
        }

        @Test
        void a_verification_outside_the_three_states_is_refused() {
            assess(with(verifiedLead(), "verification", "PROBABLY"))
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("verification"));
        }

        @Test
        void only_a_case_system_may_ask() {
            given().auth().preemptive().basic("officer", "officer")
                    .contentType(ContentType.JSON).body(verifiedLead())
                    .when().post(PATH)
                    .then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Nested
    class Policy {

        @Test
        void a_caller_may_pin_the_policy_version_by_query_or_header() {
            int version = assessOk(verifiedLead()).extract().path("policy.version");
            given().auth().preemptive().basic("case-system", "case-system")
                    .contentType(ContentType.JSON).body(verifiedLead()).queryParam("policyVersion", version)
                    .when().post(PATH).then().statusCode(200).body("policy.version", equalTo(version));
            given().auth().preemptive().basic("case-system", "case-system").header("X-Policy-Version", String.valueOf(version))
                    .contentType(ContentType.JSON).body(verifiedLead())
                    .when().post(PATH).then().statusCode(200).body("policy.version", equalTo(version));
        }

        @Test
        void a_pinned_version_that_does_not_exist_is_refused() {
            given().auth().preemptive().basic("case-system", "case-system")
                    .contentType(ContentType.JSON).body(verifiedLead()).queryParam("policyVersion", 9999)
                    .when().post(PATH)
                    .then().statusCode(422).contentType("application/problem+json");
        }

        @Test
        void every_answer_is_recorded_as_a_decision() {
            String id = assessOk(verifiedLead()).extract().path("decisionId");
            com.lexrule.audit.DecisionRecord record = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .call(() -> com.lexrule.audit.DecisionRecord.findById(id));
            org.assertj.core.api.Assertions.assertThat(record).isNotNull();
            org.assertj.core.api.Assertions.assertThat(record.family).isEqualTo("meritorious-service");
            org.assertj.core.api.Assertions.assertThat(record.outcome).isEqualTo("MERITORIOUS_SERVICE");
        }
    }
}
