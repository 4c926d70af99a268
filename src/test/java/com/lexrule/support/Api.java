package com.lexrule.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** REST Assured calls as the demo users, for tests that read like the law. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).contentType(ContentType.JSON);
    }

    public static ValidatableResponse post(String user, String path, Object body) {
        return as(user).body(body).when().post(path).then();
    }

    /** A mutable copy of a request body, to vary one fact at a time. */
    public static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> copy = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    public static List<String> ruleIds(ValidatableResponse response) {
        return response.extract().jsonPath().getList("findings.ruleId", String.class);
    }
}
