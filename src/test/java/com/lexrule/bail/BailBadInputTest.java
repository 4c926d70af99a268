package com.lexrule.bail;

import static com.lexrule.bail.BailApi.BAIL;
import static com.lexrule.bail.BailApi.COMPENSATION;
import static com.lexrule.bail.BailApi.bailCase;
import static com.lexrule.bail.BailApi.compensationCase;
import static com.lexrule.bail.BailApi.post;
import static com.lexrule.bail.BailApi.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Bad input is refused with an RFC 9457 problem naming the field, and nothing is decided or recorded. */
@QuarkusTest
class BailBadInputTest {

    @Test
    void a_negative_amount_involved_is_refused_naming_the_field() {
        post(BAIL, with(bailCase(), "crimeType", "THEFT", "amountInvolved", -1)).statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("invalid-request")).body("errors.field", hasItem("amountInvolved"));
    }

    @Test
    void a_negative_assessed_loss_is_refused_naming_the_field() {
        post(COMPENSATION, with(compensationCase(), "assessedLoss", -500)).statusCode(400)
                .body("type", endsWith("invalid-request")).body("errors.field", hasItem("assessedLoss"));
    }

    @Test
    void a_crime_type_the_bail_policy_does_not_know_is_refused_as_an_unknown_code() {
        post(BAIL, with(bailCase(), "crimeType", "ARSON")).statusCode(400)
                .body("type", endsWith("unknown-code")).body("errors[0].field", equalTo("crimeType"))
                .body("errors[0].allowedValues", hasItem("THEFT")).body("policy.family", equalTo("bail"));
        post(COMPENSATION, with(compensationCase(), "crimeType", "ARSON")).statusCode(400)
                .body("type", endsWith("unknown-code")).body("errors[0].field", equalTo("crimeType"));
    }

    @Test
    void a_danger_color_or_economic_status_outside_the_codes_is_refused_naming_the_field() {
        post(BAIL, with(bailCase(), "dangerColor", "ORANGE")).statusCode(400).body("type", endsWith("unknown-code"))
                .body("errors[0].field", equalTo("dangerColor")).body("errors[0].allowedValues", hasItems("RED", "YELLOW", "GREEN"));
        post(BAIL, with(bailCase(), "economicStatus", "RICH")).statusCode(400).body("type", endsWith("unknown-code"))
                .body("errors[0].field", equalTo("economicStatus")).body("errors[0].allowedValues", hasItem("HARDSHIP"));
        post(BAIL, with(bailCase(), "economicStatus", null)).statusCode(400).body("errors.field", hasItem("economicStatus"));
    }

    @Test
    void a_guarantor_and_a_deposit_are_never_asked_for_together() {
        // one code of the policy's guarantee methods, never a combination of them
        post(BAIL, with(bailCase(), "requestedGuaranteeMethod", "GUARANTOR_AND_DEPOSIT")).statusCode(400)
                .body("type", endsWith("unknown-code")).body("errors[0].field", equalTo("requestedGuaranteeMethod"))
                .body("errors[0].allowedValues", hasItems("GUARANTOR", "DEPOSIT"));
        post(BAIL, with(bailCase(), "requestedGuaranteeMethod", List.of("GUARANTOR", "DEPOSIT"))).statusCode(400)
                .body("errors[0].field", equalTo("requestedGuaranteeMethod"));
    }

    @Test
    void a_danger_color_and_an_arrest_decision_are_not_given_together() {
        post(BAIL, with(bailCase(), "arrestDecisionId", "00000000-0000-0000-0000-000000000000")).statusCode(400)
                .body("errors.field", hasItem("arrestDecisionId"));
    }

    @Test
    void a_bail_request_without_any_danger_color_is_refused() {
        post(BAIL, with(bailCase(), "dangerColor", null)).statusCode(400).body("errors.field", hasItem("dangerColor"));
    }

    @Test
    void an_arrest_decision_that_does_not_exist_is_not_found() {
        post(BAIL, with(bailCase(), "dangerColor", null, "arrestDecisionId", "00000000-0000-0000-0000-000000000000"))
                .statusCode(404).contentType("application/problem+json").body("type", endsWith("not-found"))
                .body("detail", containsString("00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void an_arrest_decision_of_another_subject_is_not_found_for_this_one() {
        String id = post(BailApi.ARREST, ArrestRequests.yellowTheft("330702-2026-0480", "S-other")).statusCode(200)
                .extract().path("decisionId");
        post(BAIL, with(bailCase(), "caseId", "330702-2026-0480", "subjectId", "S-someone-else",
                "dangerColor", null, "arrestDecisionId", id)).statusCode(404);
    }

    @Test
    void a_bail_decision_is_not_an_arrest_decision_to_take_a_color_from() {
        String id = post(BAIL, bailCase()).statusCode(200).extract().path("decisionId");
        post(BAIL, with(bailCase(), "dangerColor", null, "arrestDecisionId", id)).statusCode(404);
    }

    @Test
    void only_the_case_system_may_ask() {
        io.restassured.RestAssured.given().auth().preemptive().basic("officer", "officer")
                .contentType(io.restassured.http.ContentType.JSON).body(bailCase())
                .when().post(BAIL).then().statusCode(403);
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body(compensationCase())
                .when().post(COMPENSATION).then().statusCode(401);
    }
}
