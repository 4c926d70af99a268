package com.lexrule.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the served OpenAPI document, called as prod is called (bearer tokens, {@link BearerTokens}):
 * anonymously, with a token holding no role, and with a token for each role the document names anywhere. An operation
 * lists the roles it admits as the scopes of its security requirement (Quarkus derives them from its
 * {@code @RolesAllowed}; an empty list is any authenticated caller). Anonymous callers are refused everywhere (401);
 * a role not listed is refused (403); a listed role gets past security (any answer but 401 and 403: ids that do not
 * exist are 404, empty bodies 400). Only health, metrics and the document itself answer an anonymous caller.
 */
@QuarkusTest
@TestProfile(BearerTokens.class)
class EndpointRolesTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final Map<String, String> PATH_VALUES = Map.of("family", "arrest", "id", "999999", "decisionId",
            "00000000-0000-0000-0000-000000000000", "objectionId", "00000000-0000-0000-0000-000000000000",
            "version", "999", "name", "none.xlsx", "form", "arrest");

    record Endpoint(String method, String path, List<String> roles, String mediaType) {
        String call() {
            String concrete = path;
            for (Map.Entry<String, String> value : PATH_VALUES.entrySet()) {
                concrete = concrete.replace("{" + value.getKey() + "}", value.getValue());
            }
            // any other path parameter: a value that names nothing, so that only the role check decides
            return concrete.replaceAll("\\{[^}/]+\\}", "none");
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    @Test
    void noOperationAnswersAnAnonymousCallerAndEachRefusesEveryRoleItDoesNotList() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("operations in the document").hasSizeGreaterThan(30);
        Set<String> everyRole = new TreeSet<>();
        endpoints.forEach(e -> everyRole.addAll(e.roles()));
        assertThat(everyRole).contains("case-system", "legal-officer", "policy-approver", "auditor", "admin");

        TestIdentityProvider idp = TestIdentityProvider.running();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("(no role)", idp.token("nobody", List.of()));
        everyRole.forEach(role -> tokens.put(role, idp.token("holder-of-" + role, List.of(role))));

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int anonymous = send(given(), endpoint);
            if (anonymous != 401) wrong.add(endpoint + " anonymous: " + anonymous);
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                boolean admitted = endpoint.roles().isEmpty() || endpoint.roles().contains(token.getKey());
                int status = send(given().auth().oauth2(token.getValue()), endpoint);
                if (admitted && (status == 401 || status == 403)) {
                    wrong.add(endpoint + " as " + token.getKey() + " (listed): " + status);
                } else if (!admitted && status != 403) {
                    wrong.add(endpoint + " as " + token.getKey() + " (not listed " + endpoint.roles() + "): " + status);
                }
            }
        }
        assertThat(wrong).as("answers that break the roles the document lists").isEmpty();
    }

    @Test
    void healthMetricsAndTheDocumentAnswerAnonymousCallers() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/openapi")) {
            given().get(path).then().statusCode(200);
        }
        given().get(metrics).then().statusCode(200);
    }

    private static int send(RequestSpecification request, Endpoint endpoint) {
        RequestSpecification r = request.redirects().follow(false);
        if (endpoint.mediaType() != null && endpoint.mediaType().startsWith("multipart/")) {
            r = r.multiPart("note", "endpoint roles test");
        } else if (endpoint.mediaType() != null) {
            r = r.contentType(endpoint.mediaType()).body("{}");
        }
        return r.request(endpoint.method(), endpoint.call()).statusCode();
    }

    private static List<Endpoint> endpoints() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        List<Endpoint> endpoints = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!METHODS.contains(operation.getKey())) return;
            JsonNode security = operation.getValue().path("security");
            assertThat(security.isArray() && security.size() > 0)
                    .as(operation.getKey() + " " + path.getKey() + " declares a security requirement").isTrue();
            List<String> roles = new ArrayList<>();
            security.forEach(requirement -> requirement.fields().forEachRemaining(scheme -> scheme.getValue()
                    .forEach(role -> roles.add(role.asText()))));
            JsonNode content = operation.getValue().at("/requestBody/content");
            String mediaType = content.isObject() && content.fieldNames().hasNext() ? content.fieldNames().next() : null;
            endpoints.add(new Endpoint(operation.getKey(), path.getKey(), roles, mediaType));
        }));
        return endpoints;
    }
}
