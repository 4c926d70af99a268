package com.lexrule.meritorious;

import static com.lexrule.meritorious.MeritoriousServiceTest.verifiedCapture;
import static com.lexrule.meritorious.MeritoriousServiceTest.verifiedLead;
import static com.lexrule.meritorious.MeritoriousServiceTest.with;
import static com.lexrule.support.Api.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * SPC-1998 art. 5 counts helping capture other suspects "including accomplices" (包括同案犯) as 立功; revealing the
 * joint crime one took part in is confession only where the claim reports facts (MS-EXCL-04). What an assisted
 * capture of an accomplice may not rest on is MS-EXCL-05 (SPC-2010 part 五 ¶2).
 */
@QuarkusTest
class AccompliceCaptureTest {

    static ValidatableResponse assess(java.util.Map<String, Object> body) {
        return post("case-system", MeritoriousServiceTest.PATH, body).statusCode(200);
    }

    @Test
    void leading_the_police_to_an_accomplice_of_ones_own_joint_crime_is_meritorious_service() {
        assess(with(verifiedCapture("LED_CAPTURE"), "concernsOwnJointCrime", true))
                .body("determination", equalTo("MERITORIOUS_SERVICE"))
                .body("findings.ruleId", not(hasItem("MS-EXCL-04")));
    }

    @Test
    void luring_an_accomplice_to_a_place_the_police_chose_is_meritorious_service() {
        assess(with(verifiedCapture("LURED_SUSPECT"), "concernsOwnJointCrime", true))
                .body("determination", equalTo("MERITORIOUS_SERVICE"));
    }

    @Test
    void giving_only_the_accomplices_basic_information_is_excluded_by_the_capture_rule_not_the_confession_rule() {
        assess(with(verifiedCapture("ONLY_BASIC_INFO_OF_ACCOMPLICE"), "concernsOwnJointCrime", true))
                .body("determination", equalTo("NOT_MERITORIOUS"))
                .body("findings.ruleId", contains("MS-EXCL-05"));
    }

    @Test
    void a_lead_that_reveals_ones_own_joint_crime_is_confession_not_service() {
        assess(with(verifiedLead(), "concernsOwnJointCrime", true))
                .body("determination", equalTo("NOT_MERITORIOUS"))
                .body("findings.ruleId", contains("MS-EXCL-04"));
    }

    @Test
    void an_assisted_capture_does_not_ask_whether_it_concerns_ones_own_joint_crime() {
        java.util.Map<String, Object> body = verifiedCapture("LED_CAPTURE");
        body.remove("concernsOwnJointCrime");
        assess(body).body("missingFacts", not(hasItem("concernsOwnJointCrime")));
    }

    @Test
    void help_that_led_to_no_capture_cites_the_capture_provision() {
        assess(with(verifiedCapture("LED_CAPTURE"), "practicalEffect", false))
                .body("determination", equalTo("NOT_MERITORIOUS"))
                .body("findings[0].ruleId", equalTo("MS-EFF-01"))
                .body("findings[0].legalBasis", org.hamcrest.Matchers.startsWith("《关于处理自首和立功若干具体问题的意见》五第一款"));
    }
}
