package com.lexrule.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * 300 wrong passwords meet resistance: after the limit of failures per user, and per client address, a login is
 * answered 429 with Retry-After without checking the password. Successful logins never count. Its own application,
 * so that the exhausted counters of this test reach no other test.
 */
@QuarkusTest
@TestProfile(LoginThrottleTest.Profile.class)
class LoginThrottleTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.security.login.max-failures-per-user", "5",
                    "lexrule.security.login.max-failures-per-address", "20",
                    "lexrule.security.login.window", "5m");
        }
    }

    static Response login(String user, String password) {
        return given().auth().preemptive().basic(user, password).get("/api/v1/policies");
    }

    @Test
    void successfulLoginsNeverCountAndWrongPasswordsAreCutOffPerUserThenPerAddress() {
        for (int i = 0; i < 50; i++) {
            assertThat(login("auditor", "auditor").statusCode()).isEqualTo(200);
        }

        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < 300; i++) {
            Response r = login("case-system", "guess-" + i);
            if (r.statusCode() == 401) {
                unauthorized++;
            } else {
                assertThat(r.statusCode()).isEqualTo(429);
                assertThat(r.contentType()).isEqualTo("application/problem+json");
                assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 300L);
                throttled++;
            }
        }
        assertThat(unauthorized).as("passwords checked for one user").isEqualTo(5);
        assertThat(throttled).isEqualTo(295);
        // the right password of the throttled user is not checked either, until the window passes
        login("case-system", "case-system").then().statusCode(429)
                .body("type", equalTo("https://lexrule.example/problems/too-many-failed-logins"));

        // another user's logins still work from here, until the address itself has failed too often
        assertThat(login("officer", "officer").statusCode()).isEqualTo(200);
        int checked = 0;
        for (int i = 0; i < 100; i++) {
            int status = login("user-" + i, "x").statusCode();
            if (status == 401) checked++;
            else assertThat(status).isEqualTo(429);
        }
        assertThat(checked).as("passwords checked from one address (5 already failed)").isEqualTo(15);
        login("officer", "officer").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // anonymous calls carry no password to guess and are answered as before
        given().get("/api/v1/policies").then().statusCode(401);
    }
}
