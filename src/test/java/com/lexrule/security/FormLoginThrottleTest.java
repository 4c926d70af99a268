package com.lexrule.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The console's form logins count against the same throttle as HTTP Basic: after the limit of failures per user, and
 * per client address, a form login is turned back to the login page with the wait and without the login cookie,
 * even with the right password, and Basic logins of that user are refused too. Its own application, so that its
 * exhausted counters reach no other test.
 */
@QuarkusTest
@TestProfile(FormLoginThrottleTest.Profile.class)
class FormLoginThrottleTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.security.login.max-failures-per-user", "3",
                    "lexrule.security.login.max-failures-per-address", "6",
                    "lexrule.security.login.window", "5m");
        }
    }

    static Response formLogin(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .when().post("/console/j_security_check");
    }

    @Test
    void wrong_passwords_in_the_console_form_are_cut_off_per_user_then_per_address_as_basic_ones_are() {
        for (int i = 0; i < 5; i++) {
            Response ok = formLogin("officer", "officer");
            assertThat(ok.statusCode()).as("successful form logins never count").isEqualTo(302);
            assertThat(ok.cookie("lexrule-console")).isNotBlank();
        }
        for (int i = 0; i < 3; i++) {
            Response wrong = formLogin("approver", "guess-" + i);
            assertThat(wrong.statusCode()).isEqualTo(303);
            assertThat(wrong.header("Location")).contains("error=true");
        }
        // the fourth attempt of that user is turned back, its right password included, and no session is opened
        Response blocked = formLogin("approver", "approver");
        assertThat(blocked.statusCode()).isEqualTo(303);
        assertThat(blocked.header("Location")).contains("/console/login?throttled=");
        assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 300L);
        assertThat(blocked.cookie("lexrule-console")).isNull();
        given().redirects().follow(false).get(blocked.header("Location")).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("登录失败次数过多"));
        // one set of counters: the same user's HTTP Basic login is refused as well
        given().auth().preemptive().basic("approver", "approver").get("/api/v1/policies").then().statusCode(429);

        // another user still signs in from here, until the address itself has failed too often (3 failed already)
        assertThat(formLogin("auditor", "auditor").statusCode()).isEqualTo(302);
        for (int i = 0; i < 3; i++) {
            assertThat(formLogin("user-" + i, "x").header("Location")).contains("error=true");
        }
        Response address = formLogin("auditor", "auditor");
        assertThat(address.statusCode()).isEqualTo(303);
        assertThat(address.header("Location")).contains("throttled=");
        assertThat(address.cookie("lexrule-console")).isNull();
        given().auth().preemptive().basic("auditor", "auditor").get("/api/v1/policies").then().statusCode(429);
    }
}
