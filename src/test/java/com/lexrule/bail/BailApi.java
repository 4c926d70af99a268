package com.lexrule.bail;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Requests of the bail family's tests, sent as the case system. */
final class BailApi {
    static final String BAIL = "/api/v1/assessments/bail-deposit";
    static final String COMPENSATION = "/api/v1/assessments/compensation-deposit";
    static final String ARREST = "/api/v1/assessments/arrest";

    private BailApi() {
    }

    /** An adult of ordinary means, a green code, no guarantor: an injury likely to bring up to three years. */
    static Map<String, Object> bailCase() {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", "330702-2026-0451");
        body.put("subjectId", "S-7f3a9c");
        body.put("crimeType", "INTENTIONAL_INJURY");
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("age", 35);
        body.put("dangerColor", "GREEN");
        body.put("economicStatus", "ORDINARY");
        body.put("guarantorAvailable", false);
        return body;
    }

    /** A theft up to three years, a victim who cannot be reached, a willing subject. */
    static Map<String, Object> compensationCase() {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", "330702-2026-0452");
        body.put("subjectId", "S-11aa02");
        body.put("crimeType", "THEFT");
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("assessedLoss", 8000);
        body.put("age", 35);
        body.put("victimReachable", false);
        body.put("victimDemandsExcessive", false);
        body.put("subjectWilling", true);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, Object... keysAndValues) {
        Map<String, Object> copy = new HashMap<>(body);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) copy.remove((String) keysAndValues[i]);
            else copy.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return copy;
    }

    static List<String> fired(ValidatableResponse response) {
        return response.extract().jsonPath().getList("findings.ruleId");
    }

    static BigDecimal amount(ValidatableResponse response, String path) {
        Object value = response.extract().jsonPath().get(path);
        return value == null ? null : new BigDecimal(value.toString());
    }

    static ValidatableResponse post(String path, Object body) {
        return given().auth().preemptive().basic("case-system", "case-system")
                .contentType(ContentType.JSON).body(body)
                .when().post(path).then();
    }
}
