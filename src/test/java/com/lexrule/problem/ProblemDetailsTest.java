package com.lexrule.problem;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.audit.DecisionRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Bad input gets an RFC 9457 problem naming what was wrong, and nothing is decided or stored. */
@QuarkusTest
class ProblemDetailsTest {

    static final String PATH = "/api/v1/assessments/arrest";
    static final Map<String, Object> CASE = with(ArrestRulesTest.CASE, "caseId", "TEST-BAD", "crimeType", "THEFT",
            "dangerIndicators", List.of("FLIGHT_HISTORY"));

    static long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count());
    }

    @Test
    void malformedJsonIsA400ProblemAndNothingIsStored() {
        long before = decisions();
        as("case-system").body("{\"caseId\": ").post(PATH).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("malformed-json")).body("status", equalTo(400)).body("instance", equalTo(PATH));
        org.assertj.core.api.Assertions.assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void eachInvalidFieldIsNamed() {
        long before = decisions();
        post("case-system", PATH, Map.of("age", 5, "dangerIndicators", List.of(""))).statusCode(400)
                .contentType("application/problem+json")
                .body("type", containsString("invalid-request"))
                .body("errors.field", hasItems("caseId", "subjectId", "crimeType", "evidenceOfCrime", "expectedSentence",
                        "age", "dangerIndicators[0]"));
        org.assertj.core.api.Assertions.assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void aValueOutsideAnEnumerationListsTheAllowedValues() {
        post("case-system", PATH, with(CASE, "expectedSentence", "LIFE")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("expectedSentence"))
                .body("errors[0].allowedValues", hasItems("UP_TO_3_YEARS", "3_TO_10_YEARS"));
    }

    @Test
    void aCodeTheActivePolicyDoesNotKnowIsRefusedNamingTheFieldAndTheKnownCodes() {
        long before = decisions();
        post("case-system", PATH, with(CASE, "crimeType", "ARSON", "mitigations", List.of("FIRST_OFFENCE", "CHARMING")))
                .statusCode(400).contentType("application/problem+json")
                .body("type", containsString("unknown-code"))
                .body("errors.field", hasItems("crimeType", "mitigations[1]"))
                .body("errors.find { it.field == 'crimeType' }.allowedValues", hasItem("DANGEROUS_DRIVING"))
                .body("errors.find { it.field == 'mitigations[1]' }.rejectedValue", equalTo("CHARMING"));
        org.assertj.core.api.Assertions.assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        String huge = "{\"caseId\":\"" + "x".repeat(300_000) + "\"}";
        as("case-system").body(huge).post(PATH).then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void anAnonymousCallIsA401ProblemWithABasicChallenge() {
        given().contentType(ContentType.JSON).body(CASE).post(PATH).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .contentType("application/problem+json");
    }

    @Test
    void wrongCredentialsAreA401Problem() {
        given().auth().preemptive().basic("case-system", "wrong").contentType(ContentType.JSON).body(CASE).post(PATH)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRoleThatMayNotAssessGetsA403Problem() {
        for (String user : List.of("officer", "approver", "auditor", "admin")) {
            post(user, PATH, CASE).statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void aPinnedVersionThatDoesNotExistIsRefusedNamingTheVersionsThatDo() {
        as("case-system").queryParam("policyVersion", 999).body(CASE).post(PATH).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("unknown-policy-version"))
                .body("availableVersions.version", hasItem(1));
    }

    @Test
    void aPinThatIsNotANumberIsA400Problem() {
        as("case-system").header("X-Policy-Version", "latest").body(CASE).post(PATH).then().statusCode(400)
                .body("errors[0].field", equalTo("policyVersion"));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        as("case-system").get("/api/v1/assessments/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aWrongMediaTypeIsA415Problem() {
        given().auth().preemptive().basic("case-system", "case-system").contentType(ContentType.TEXT).body("hello")
                .post(PATH).then().statusCode(415).contentType("application/problem+json");
    }
}
