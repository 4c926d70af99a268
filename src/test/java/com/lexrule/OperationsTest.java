package com.lexrule;

import static com.lexrule.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What operators and client developers rely on: readiness, the OpenAPI contract, metrics, the version list. */
@QuarkusTest
class OperationsTest {

    @Test
    void theServiceIsReadyOnceThePoliciesHaveCompiled() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("policies"));
    }

    @Test
    void theOpenApiDocumentDescribesTheAssessmentContract() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/assessments/arrest'.post.responses.'400'.description", containsString("code"))
                .body("components.schemas.ArrestAssessment.properties.findings", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void everyErrorAnswerOfEveryOperationIsDocumentedAsAProblem() {
        io.restassured.path.json.JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths = doc.getMap("paths");
        int errors = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                java.util.Map<String, java.util.Map<String, Object>> responses =
                        (java.util.Map<String, java.util.Map<String, Object>>) operation.getValue().get("responses");
                org.assertj.core.api.Assertions.assertThat(responses).as(operation.getKey() + " " + path.getKey())
                        .containsKeys("500", "503");
                for (var response : responses.entrySet()) {
                    if (response.getKey().startsWith("2")) continue;
                    errors++;
                    org.assertj.core.api.Assertions.assertThat(response.getValue().get("content").toString())
                            .as(operation.getKey() + " " + path.getKey() + " " + response.getKey())
                            .isEqualTo("{application/problem+json={schema={$ref=#/components/schemas/Problem}}}");
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(errors).isGreaterThan(100);
        given().accept("application/json").get("/q/openapi").then()
                .body("paths.'/api/v1/assessments/arrest'.post.responses.keySet()", org.hamcrest.Matchers.hasItems("400", "401", "403", "413", "422", "500", "503"))
                .body("paths.'/api/v1/assessments/arrest'.post.responses.'403'.description", equalTo("Role case-system required"))
                .body("paths.'/api/v1/policies/{family}/drafts/{id}/approve'.post.responses.'403'.description", containsString("nobody approves their own draft"))
                .body("components.schemas.Problem.properties.status", org.hamcrest.Matchers.notNullValue());
    }

    @io.quarkus.test.common.http.TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metrics;

    @Test
    void prometheusMetricsAreServedOnTheManagementInterfaceOnly() {
        given().get(metrics).then().statusCode(200).body(containsString("lexrule_policy_compile_seconds"));
        given().get("/q/metrics").then().statusCode(404);
        as("admin").get("/q/metrics").then().statusCode(404);
    }

    @Test
    void healthStaysOnTheMainPortForTheProbes() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void aCaseSystemCanListVersionsToPinOne() {
        as("case-system").get("/api/v1/policies").then().statusCode(200)
                .body("find { it.family == 'arrest' }.versions[0].inForce", equalTo(true))
                .body("find { it.family == 'arrest' }.versions[0].sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void theCatalogGivesEachCodeItsChineseLabel() {
        as("case-system").get("/api/v1/policies/arrest/catalog").then().statusCode(200)
                .body("catalogs.crimeTypes.DANGEROUS_DRIVING.label", equalTo("危险驾驶罪"))
                .body("catalogs.crimeTypes.DANGEROUS_DRIVING.attributes.maxPenalty", equalTo("CRIMINAL_DETENTION"));
        as("case-system").get("/api/v1/policies/nothing/catalog").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAnAdminMayReloadTheBaseline() {
        as("officer").post("/api/v1/policies/reload").then().statusCode(403);
        as("admin").post("/api/v1/policies/reload").then().statusCode(200).body("arrest", equalTo("unchanged"));
    }
}
