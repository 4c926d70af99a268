package com.lexrule.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * prod's identity (docs/identity.md): a call carries a bearer token of the agency's identity provider, which must be
 * signed by a key the provider publishes, come from its issuer, be meant for this service and be unexpired; its roles
 * come from the configured claim. Anything else is a 401 problem, a missing role a 403 problem, and neither
 * decides or records anything. The demo users do not exist here.
 */
@QuarkusTest
@TestProfile(BearerTokens.class)
class BearerTokenTest {

    static Map<String, Object> arrest(String caseId) {
        return Map.ofEntries(Map.entry("caseId", caseId), Map.entry("subjectId", "S1"), Map.entry("stage", "ARREST_REVIEW"),
                Map.entry("crimeType", "THEFT"), Map.entry("evidenceOfCrime", true), Map.entry("expectedSentence", "UP_TO_3_YEARS"),
                Map.entry("priorIntentionalCrime", false), Map.entry("identityUnknown", false), Map.entry("age", 30),
                Map.entry("dangerIndicators", List.of("REPEATED_OR_ROAMING_OFFENDING")), Map.entry("mitigations", List.of("FIRST_OFFENCE")),
                Map.entry("violatedBailConditions", false));
    }

    private static TestIdentityProvider idp() {
        return TestIdentityProvider.running();
    }

    private static ValidatableResponse assess(String token, String caseId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(arrest(caseId))
                .post("/api/v1/assessments/arrest").then();
    }

    private static void refusedAsUnauthenticated(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", endsWith("/unauthenticated")).body("status", equalTo(401));
    }

    @Test
    void aTokenOfTheProviderWithTheRoleIsAnsweredAndTheDecisionNamesItsSubject() {
        String decisionId = assess(idp().token("case-system-a", List.of("case-system")), "BT-1")
                .statusCode(200).body("color", equalTo("YELLOW")).extract().path("decisionId");

        given().auth().oauth2(idp().token("auditor-a", List.of("auditor"))).get("/api/v1/decisions/" + decisionId)
                .then().statusCode(200).body("decision.caller", equalTo("case-system-a"));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        refusedAsUnauthenticated(assess(idp().expiredToken("case-system-a", List.of("case-system")), "BT-2"));
    }

    @Test
    void aTokenOfAnotherIssuerIsUnauthenticated() {
        refusedAsUnauthenticated(assess(idp().tokenOfAnotherIssuer("case-system-a", List.of("case-system")), "BT-3"));
    }

    @Test
    void aTokenSignedWithAKeyTheProviderNeverPublishedIsUnauthenticated() {
        refusedAsUnauthenticated(assess(idp().forgedToken("case-system-a", List.of("case-system")), "BT-4"));
    }

    @Test
    void aTokenMeantForAnotherServiceIsUnauthenticated() {
        refusedAsUnauthenticated(assess(idp().tokenForAnotherAudience("case-system-a", List.of("case-system")), "BT-5"));
    }

    @Test
    void aGarbledTokenAndNoTokenAreUnauthenticated() {
        refusedAsUnauthenticated(assess("not.a.jwt", "BT-6"));
        refusedAsUnauthenticated(given().contentType(ContentType.JSON).body(arrest("BT-6")).post("/api/v1/assessments/arrest").then());
    }

    @Test
    void theDemoUsersDoNotExistAndHttpBasicIsNotAccepted() {
        given().auth().preemptive().basic("case-system", "case-system").contentType(ContentType.JSON).body(arrest("BT-7"))
                .post("/api/v1/assessments/arrest").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aValidTokenWithoutTheRoleIsForbidden() {
        for (List<String> roles : List.of(List.<String>of(), List.of("auditor"), List.of("offline_access", "uma_authorization"))) {
            assess(idp().token("someone", roles), "BT-8").statusCode(403).contentType("application/problem+json")
                    .body("type", endsWith("/forbidden"));
        }
        // nothing was decided for the refused calls
        given().auth().oauth2(idp().token("auditor-a", List.of("auditor"))).queryParam("caseId", "BT-8")
                .get("/api/v1/decisions").then().statusCode(200).body("items.size()", equalTo(0));
    }

    /** docs/identity.md, "A case system": the client-credentials grant at the token endpoint, then the call. */
    @Test
    void aCaseSystemTakesATokenWithItsClientCredentialsAndCalls() {
        String token = RestAssured.given().auth().preemptive().basic("case-system-x", "case-system-x-secret")
                .formParam("grant_type", "client_credentials").post(idp().tokenEndpoint())
                .then().statusCode(200).body("token_type", equalTo("Bearer")).extract().path("access_token");
        assess(token, "BT-9").statusCode(200);

        RestAssured.given().auth().preemptive().basic("case-system-x", "wrong")
                .formParam("grant_type", "client_credentials").post(idp().tokenEndpoint()).then().statusCode(401);
    }

    /** The console logs in with the code flow: its pages redirect to the provider's login, the API never does. */
    @Test
    void theConsoleRedirectsToTheProvidersLoginAndTheApiDoesNot() {
        String location = given().redirects().follow(false).get("/console/").then().statusCode(302)
                .extract().header("Location");
        assertThat(location).startsWith(idp().authorizationEndpoint())
                .contains("response_type=code").contains("client_id=lexrule-console").contains("redirect_uri=");

        given().redirects().follow(false).get("/api/v1/policies").then().statusCode(401);
    }
}
