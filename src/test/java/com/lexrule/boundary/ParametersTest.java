package com.lexrule.boundary;

import static com.lexrule.support.Api.as;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A typed query or path parameter that is not of its type is a 400 problem naming the parameter, on every resource:
 * JAX-RS would answer 404, as if the resource did not exist.
 */
@QuarkusTest
class ParametersTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "auditor | /api/v1/decisions?from=notadate                    | from",
            "auditor | /api/v1/decisions?to=2026-02-30                    | to",
            "auditor | /api/v1/decisions?from=+999999999-12-31            | from",
            "auditor | /api/v1/decisions?from=1900-01-01                  | from",
            "auditor | /api/v1/decisions?policyVersion=abc                | policyVersion",
            "auditor | /api/v1/decisions?policyVersion=99999999999        | policyVersion",
            "auditor | /api/v1/decisions?page=x                           | page",
            "auditor | /api/v1/decisions?size=99999999999                 | size",
            "auditor | /api/v1/decisions/export?from=notadate             | from",
            "auditor | /api/v1/decisions/export?policyVersion=abc         | policyVersion",
            "auditor | /api/v1/statistics/agreement?from=notadate         | from",
            "auditor | /api/v1/statistics/agreement?to=31.12.2026         | to",
            "auditor | /api/v1/reviews?limit=99999999999                  | limit",
            "auditor | /api/v1/reviews?offset=abc                         | offset",
            "officer | /api/v1/policies/arrest/versions/abc               | version",
            "officer | /api/v1/policies/arrest/versions/99999999999       | version",
            "officer | /api/v1/policies/arrest/versions/1.5/files/rules/policy.json | version",
            "officer | /api/v1/policies/arrest/diff?from=abc&to=1         | from",
            "officer | /api/v1/policies/arrest/diff?from=1&to=99999999999 | to",
            "officer | /api/v1/policies/arrest/drafts/abc                 | id",
            "officer | /api/v1/policies/arrest/drafts/99999999999999999999 | id",
    })
    void aParameterOfTheWrongTypeIsA400NamingIt(String user, String path, String parameter) {
        as(user).get(path).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lexrule.example/problems/invalid-parameter"))
                .body("errors[0].field", equalTo(parameter));
    }
}
