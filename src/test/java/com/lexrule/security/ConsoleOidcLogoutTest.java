package com.lexrule.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;

/**
 * prod's console logout: an officer signed in by the provider's code flow who presses 退出 is signed out at the
 * provider too (RP-initiated logout), and the console's session cookie no longer opens a page.
 */
@QuarkusTest
@TestProfile(BearerTokens.class)
class ConsoleOidcLogoutTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    @Test
    void logging_out_of_the_console_ends_the_providers_session_and_the_consoles() {
        TestIdentityProvider idp = TestIdentityProvider.running();
        CookieFilter browser = new CookieFilter();

        // the code flow, as a browser follows it: the console → the provider's login → back with a code
        String login = given().filter(browser).redirects().follow(false).get("/console").then().statusCode(302)
                .extract().header("Location");
        assertThat(login).startsWith(idp.authorizationEndpoint());
        String back = given().redirects().follow(false).urlEncodingEnabled(false).get(login + "&login_hint=approver-a")
                .then().statusCode(302).extract().header("Location");
        Response callback = given().filter(browser).redirects().follow(false).urlEncodingEnabled(false).get(back);
        assertThat(callback.statusCode()).as(callback.asString()).isIn(200, 302);
        String home = given().filter(browser).redirects().follow(false).get("/console").then().statusCode(200)
                .extract().asString();
        assertThat(home).contains("approver-a", "政策审批人");
        Matcher csrf = TOKEN.matcher(home);
        assertThat(csrf.find()).isTrue();

        // 退出: the console's logout, then the tenant's logout path, which sends the browser to the provider
        String next = given().filter(browser).redirects().follow(false).formParam("csrf", csrf.group(1))
                .post("/console/logout").then().statusCode(303).extract().header("Location");
        assertThat(URI.create(next).getPath()).isEqualTo("/console/logout/provider");
        String provider = given().filter(browser).redirects().follow(false).get(URI.create(next).getPath()).then().statusCode(302)
                .extract().header("Location");
        assertThat(provider).startsWith(idp.endSessionEndpoint());
        String query = URLDecoder.decode(URI.create(provider).getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).contains("id_token_hint=").contains("post_logout_redirect_uri=").contains("/console/login");

        // the provider ends its session and returns the browser to the console's page, which offers only to sign in
        String returned = given().redirects().follow(false).urlEncodingEnabled(false).get(provider).then().statusCode(302)
                .extract().header("Location");
        assertThat(idp.endSessions()).isNotEmpty();
        assertThat(URI.create(returned).getPath()).isEqualTo("/console/login");
        given().filter(browser).get("/console/login").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("id=\"signed-out\""))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("j_security_check")));

        // the console's session is gone: its pages send the browser to the provider's login again
        given().filter(browser).redirects().follow(false).get("/console").then().statusCode(302);
    }
}
