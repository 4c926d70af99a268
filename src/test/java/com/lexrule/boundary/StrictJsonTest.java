package com.lexrule.boundary;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.audit.DecisionRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A legal fact in the wrong shape is refused naming the field, never guessed, and nothing is decided or stored:
 * no number for a code, no string for a number or a yes/no, no float for an age, no single value for a list, no
 * unknown (misspelt) field, no duplicate key, nothing after the body, no number or nesting beyond the parser limits.
 */
@QuarkusTest
class StrictJsonTest {

    static final String ARREST = "/api/v1/assessments/arrest";
    static final String BAIL = "/api/v1/assessments/bail-deposit";
    static final String COMPENSATION = "/api/v1/assessments/compensation-deposit";
    static final ObjectMapper JSON = new ObjectMapper();

    static long decisions() {
        return QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count());
    }

    /** The arrest case as JSON text with one field's value given as raw JSON. */
    static String arrestWith(String field, String rawValue) {
        Map<String, Object> base = new java.util.LinkedHashMap<>(Map.of("caseId", "STRICT-1", "subjectId", "S-1",
                "crimeType", "THEFT", "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS", "age", 30));
        base.remove(field);
        return appended(base, field, rawValue);
    }

    /** The complete arrest case with one more key (a duplicate, or an unknown one) at its end. */
    static String arrestPlus(String field, String rawValue) {
        return appended(new java.util.LinkedHashMap<>(Map.of("caseId", "STRICT-1", "subjectId", "S-1", "crimeType", "THEFT",
                "evidenceOfCrime", true, "expectedSentence", "UP_TO_3_YEARS", "age", 30, "dangerIndicators", java.util.List.of())),
                field, rawValue);
    }

    private static String appended(Map<String, Object> base, String field, String rawValue) {
        try {
            String body = JSON.writeValueAsString(base);
            return body.substring(0, body.length() - 1) + ",\"" + field + "\":" + rawValue + "}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse refused(String path, String body, int status) {
        long before = decisions();
        ValidatableResponse response = as("case-system").body(body).post(path).then().statusCode(status)
                .contentType("application/problem+json");
        assertThat(decisions()).as("decisions stored by a refused request").isEqualTo(before);
        return response;
    }

    @Test
    void theBaseCaseIsDecided() {
        as("case-system").body(arrestWith("dangerIndicators", "[\"FLIGHT_HISTORY\"]")).post(ARREST).then().statusCode(200);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "expectedSentence | 4",                 // a number for an enumeration: once SHALL_ARREST's band
            "expectedSentence | 0.0",
            "expectedSentence | ''",                // an empty string for an enumeration
            "expectedSentence | '\"\"'",
            "age              | '\"17\"'",          // a string for a number
            "age              | 17.0",              // a float for an integer
            "age              | 17.5",
            "age              | 1e308",
            "age              | true",
            "evidenceOfCrime  | '\"true\"'",        // a string for a yes/no
            "evidenceOfCrime  | 1",                 // a number for a yes/no
            "caseId           | 451",               // a number for a text
            "caseId           | true",
            "caseId           | '[\"a\"]'",
            "dangerIndicators | '\"FLIGHT_HISTORY\"'", // a single value for a list
            "dangerIndicators | '{}'",
    })
    void aValueOfTheWrongShapeIsRefusedNamingTheField(String field, String raw) {
        refused(ARREST, arrestWith(field, raw.isEmpty() ? "\"\"" : raw), 400).body("errors.field", hasItem(field));
    }

    @Test
    void aNumberForTheObjectionOutcomeIsRefusedAndNoOutcomeIsRecorded() {
        String decision = as("case-system").body(arrestWith("dangerIndicators", "[]")).post(ARREST).then().statusCode(200)
                .extract().path("decisionId");
        String objection = as("case-system").body(Map.of("objector", "辩护人 L-1", "objectorRole", "COUNSEL", "grounds", "异议理由"))
                .post("/api/v1/decisions/" + decision + "/objections").then().statusCode(201).extract().path("id");
        as("officer").body("{\"outcome\": 0}").post("/api/v1/objections/" + objection + "/outcome").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("outcome"))
                .body("errors[0].allowedValues", hasItem("UPHELD"));
        // still undecided: a proper outcome is accepted
        as("officer").body(Map.of("outcome", "DISMISSED", "reason", "理由不成立"))
                .post("/api/v1/objections/" + objection + "/outcome").then().statusCode(201);
    }

    @Test
    void aMisspeltFieldIsRefusedNamingIt() {
        String body = "{\"caseId\":\"STRICT-2\",\"subjectId\":\"S-2\",\"crimeType\":\"THEFT\",\"expectedSentence\":\"UP_TO_3_YEARS\","
                + "\"assessedLoss\":12000,\"victimUnreachable\":true,\"subjectWilling\":true}";
        refused(COMPENSATION, body, 400)
                .body("errors[0].field", equalTo("victimUnreachable"))
                .body("errors[0].rejectedValue", equalTo("victimUnreachable"))
                .body("errors[0].allowedValues", hasItem("victimReachable"))
                .body("detail", containsString("victimUnreachable"));
    }

    @Test
    void anUnknownFieldInsideAListElementIsNamedWithItsPath() {
        String decision = as("case-system").body(arrestWith("dangerIndicators", "[]")).post(ARREST).then().statusCode(200)
                .extract().path("decisionId");
        as("officer").body("{\"taken\":\"ARREST\",\"officer\":\"P-1\",\"reason\":\"r\",\"overrule\":true}")
                .put("/api/v1/decisions/" + decision + "/officer-decision").then().statusCode(400)
                .body("errors[0].field", equalTo("overrule"));
    }

    @Test
    void aDuplicateKeyIsRefusedNamingIt() {
        refused(ARREST, arrestPlus("caseId", "\"OTHER\""), 400).body("errors[0].field", equalTo("caseId"))
                .body("detail", containsString("caseId"));
    }

    @Test
    void aDuplicateKeyAfterACompleteBodyIsA400NotA500() {
        refused(ARREST, arrestPlus("age", "99"), 400).body("errors[0].field", equalTo("age"));
        refused(ARREST, arrestPlus("dangerIndicators", "[\"FLIGHT_HISTORY\"]"), 400)
                .body("errors[0].field", equalTo("dangerIndicators"));
    }

    @Test
    void anythingAfterTheBodyIsRefused() {
        String complete = arrestWith("dangerIndicators", "[]");
        refused(ARREST, complete + "{\"caseId\":\"SECOND\"}", 400).body("type", containsString("invalid-request"));
        refused(ARREST, complete + " ,\"age\": 99}", 400);
    }

    @Test
    void aNumberLongerThanTheParserAllowsIsRefusedNamingTheField() {
        refused(ARREST, arrestWith("age", "1" + "0".repeat(4999)), 400).body("errors[0].field", equalTo("age"));
        refused(BAIL, bail("\"amountInvolved\":" + "9".repeat(5000)), 400).body("errors[0].field", equalTo("amountInvolved"));
    }

    @Test
    void deepNestingIsRefusedNamingWhereItWent() {
        String deep = "[".repeat(200) + "]".repeat(200);
        refused(ARREST, arrestWith("dangerIndicators", deep), 400).body("errors[0].field", containsString("dangerIndicators"));
    }

    @ParameterizedTest
    @CsvSource({"1e2147483647", "1e308", "-1e308", "1E+400", "10000000000000", "0.001"})
    void anAmountOutsideItsLegalRangeIsRefusedBeforeTheEngineSeesIt(String amount) {
        refused(BAIL, bail("\"amountInvolved\":" + amount), 400).body("errors.field", hasItem("amountInvolved"));
        refused(COMPENSATION, "{\"caseId\":\"STRICT-4\",\"subjectId\":\"S-4\",\"crimeType\":\"THEFT\",\"expectedSentence\":"
                + "\"UP_TO_3_YEARS\",\"assessedLoss\":" + amount + ",\"victimReachable\":false,\"subjectWilling\":true}", 400)
                .body("errors.field", hasItem("assessedLoss"));
    }

    @ParameterizedTest
    @CsvSource({"11", "121", "-1", "2147483648", "1e2"})
    void anAgeOutsideItsRangeIsRefused(String age) {
        refused(ARREST, arrestWith("age", age), 400).body("errors.field", hasItem("age"));
    }

    @Test
    void aLargeButLegalAmountIsDecided() {
        as("case-system").body(bail("\"amountInvolved\":9999999999999.99")).post(BAIL).then().statusCode(200);
    }

    static String bail(String amount) {
        return "{\"caseId\":\"STRICT-3\",\"subjectId\":\"S-3\",\"crimeType\":\"THEFT\",\"expectedSentence\":\"UP_TO_3_YEARS\","
                + "\"age\":30,\"dangerColor\":\"GREEN\",\"economicStatus\":\"ORDINARY\",\"guarantorAvailable\":false," + amount + "}";
    }

    @Test
    void theBaseArrestCaseOfTheRulesTestIsStillDecided() {
        as("case-system").body(ArrestRulesTest.CASE).post(ARREST).then().statusCode(200);
    }
}
