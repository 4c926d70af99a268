package com.lexrule.console;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.filter.cookie.CookieFilter;
import io.restassured.specification.RequestSpecification;

/** A browser's session of the console as REST Assured keeps it: the login cookie and the CSRF cookie and token. */
final class ConsoleSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    final CookieFilter cookies = new CookieFilter();
    String csrf;

    static ConsoleSession login(String user) {
        ConsoleSession session = new ConsoleSession();
        given().filter(session.cookies).redirects().follow(false)
                .formParam("j_username", user).formParam("j_password", user)
                .when().post("/console/j_security_check").then().statusCode(302);
        session.csrf = session.token(session.request().get("/console").then().statusCode(200).extract().asString());
        return session;
    }

    RequestSpecification request() {
        return given().filter(cookies).redirects().follow(false);
    }

    String token(String page) {
        Matcher m = TOKEN.matcher(page);
        if (!m.find()) throw new AssertionError("no CSRF token in the page");
        return m.group(1);
    }
}
