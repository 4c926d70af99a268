package com.lexrule.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.arrest.LegalCategory;
import com.lexrule.policy.PolicyRegistry;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The document case systems generate their clients from, as served: every operation named, tagged and summarised;
 * the pins and links documented; catalog codes listed with their labels; examples shown; and no breaking change
 * against the committed contract ({@value #COMMITTED}). The served document is saved to {@value #SERVED} for the
 * Redocly lint that {@code .ci/run} runs.
 */
@QuarkusTest
class ApiDocumentTest {

    @Inject
    PolicyRegistry registry;

    static final String SERVED = "target/openapi/openapi.json";
    static final String COMMITTED = "docs/api/openapi-v1.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static JsonNode document;

    @BeforeEach
    void serve() throws IOException {
        if (document != null) return;
        String served = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        document = JSON.readTree(served);
        Files.createDirectories(Path.of(SERVED).getParent());
        Files.writeString(Path.of(SERVED), JSON.writeValueAsString(document));
    }

    private static List<JsonNode> operations() {
        List<JsonNode> operations = new ArrayList<>();
        document.get("paths").forEach(item -> item.forEach(operations::add));
        return operations;
    }

    @Test
    void every_operation_has_a_stable_unique_id_a_summary_and_a_tag() {
        Set<String> ids = new HashSet<>();
        for (JsonNode operation : operations()) {
            assertThat(operation.path("operationId").asText()).as(operation.toString()).matches("[a-z][A-Za-z]+");
            assertThat(ids.add(operation.get("operationId").asText())).as("unique " + operation.get("operationId")).isTrue();
            assertThat(operation.path("summary").asText()).isNotBlank();
            assertThat(operation.path("tags").size()).isPositive();
        }
        assertThat(ids).contains("assessArrest", "assessBailDeposit", "assessCompensationDeposit", "assessMeritoriousService",
                "recordOfficerDecision", "recordObjection", "recordObjectionOutcome", "getDecision", "searchDecisions");
        assertThat(document.path("servers").size()).isPositive();
        assertThat(document.at("/info/license/name").asText()).isNotBlank();
        // Redocly's tag-description rule in .ci/run: a tag without a description fails the lint.
        document.path("tags").forEach(tag -> assertThat(tag.path("description").asText()).as("tag " + tag.path("name")).isNotBlank());
    }

    @Test
    void every_assessment_documents_its_pin_and_its_objection_link() {
        document.get("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/v1/assessments/")) return;
            List<String> parameters = new ArrayList<>();
            path.getValue().get("post").get("parameters").forEach(p -> {
                parameters.add(p.get("in").asText() + ":" + p.get("name").asText());
                assertThat(p.path("description").asText()).as(p.toString()).isNotBlank();
            });
            assertThat(parameters).as(path.getKey()).contains("query:policyVersion", "header:X-Policy-Version");
            if (!path.getKey().endsWith("/simulate")) {
                assertThat(parameters).as(path.getKey()).contains("query:objectionId", "header:X-Objection-Id");
            }
        });
    }

    @Test
    void catalog_codes_are_listed_with_their_chinese_labels_from_the_version_in_force() {
        JsonNode crimeType = document.at("/components/schemas/ArrestRequest/properties/crimeType");
        assertThat(crimeType.path("x-lexrule-catalog").asText()).isEqualTo("arrest:crimeTypes");
        List<String> codes = new ArrayList<>();
        crimeType.path("enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).contains("THEFT", "INTENTIONAL_INJURY");
        assertThat(crimeType.path("x-enum-descriptions").size()).isEqualTo(codes.size());
        assertThat(crimeType.path("x-enum-descriptions").get(codes.indexOf("THEFT")).asText()).isEqualTo("盗窃罪");
        JsonNode indicators = document.at("/components/schemas/ArrestRequest/properties/dangerIndicators/items");
        assertThat(indicators.path("enum").size()).isPositive();
        assertThat(document.at("/components/schemas/MeritoriousRequest/properties/evidenceItems/items/enum").size()).isPositive();
        assertThat(document.at("/components/schemas/BailDepositRequest/properties/crimeType/enum").size()).isPositive();
    }

    @Test
    void a_meritorious_determination_is_listed_from_the_outcomes_catalog_in_force() {
        JsonNode determination = document.at("/components/schemas/MeritoriousAssessment/properties/determination");
        assertThat(determination.path("x-lexrule-catalog").asText()).isEqualTo("meritorious-service:outcomes");
        List<String> codes = new ArrayList<>();
        determination.path("enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactlyInAnyOrderElementsOf(
                registry.current("meritorious-service").catalog().entries("outcomes").keySet());
        assertThat(determination.path("x-enum-descriptions").size()).isEqualTo(codes.size());
    }

    @Test
    void the_legal_category_of_an_arrest_lists_the_categories_of_cpl_81() {
        List<String> codes = new ArrayList<>();
        document.at("/components/schemas/LegalCategory/enum").forEach(code -> codes.add(code.asText()));
        assertThat(codes).containsExactly(java.util.Arrays.stream(LegalCategory.values()).map(Enum::name).toArray(String[]::new));
        assertThat(document.at("/components/schemas/ArrestAssessment/properties/legalCategory/$ref").asText())
                .isEqualTo("#/components/schemas/LegalCategory");
    }

    @Test
    void the_assessments_show_a_recorded_request_and_answer() {
        JsonNode arrest = document.at("/paths/~1api~1v1~1assessments~1arrest/post");
        assertThat(arrest.at("/requestBody/content/application~1json/examples/recorded/value/crimeType").asText())
                .isEqualTo("INTENTIONAL_INJURY");
        assertThat(arrest.at("/responses/200/content/application~1json/examples/recorded/value/color").asText()).isNotBlank();
    }

    /**
     * /api/v1 changes only additively (docs/api-contract.md): a removed path, operation or field, a narrowed type or a
     * new required field fails here. A compatible change is accepted; record it with -Dlexrule.contract.record=true.
     * Catalog codes and examples are policy and data, not contract, and are left out of the comparison.
     */
    @Test
    void the_served_document_keeps_every_promise_of_the_committed_one() throws IOException {
        Path committed = Path.of(COMMITTED);
        String served = JSON.writeValueAsString(contractOnly(document.deepCopy()));
        if (Boolean.getBoolean("lexrule.contract.record") || !Files.exists(committed)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served + "\n");
        }
        JsonNode promised = JSON.readTree(committed.toFile());
        // openapi-diff takes an optional response field's removal for compatible; to a client that reads it, it is not.
        List<String> removed = new ArrayList<>();
        promised.path("components").path("schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties")
                .fieldNames().forEachRemaining(field -> {
                    if (document.at("/components/schemas/" + schema.getKey() + "/properties/" + field).isMissingNode()) {
                        removed.add(schema.getKey() + "." + field);
                    }
                }));
        assertThat(removed).as("fields removed from the contract").isEmpty();
        ChangedOpenApi diff = OpenApiCompare.fromContents(Files.readString(committed), served);
        assertThat(diff.isIncompatible()).as(() -> "breaking changes against " + COMMITTED + ":\n" + new MarkdownRender().render(diff))
                .isFalse();
        // The generated client (pom.xml) is built from the committed file: it must be the served contract exactly.
        assertThat(JSON.readTree(served)).as("the served contract changed compatibly; record it with -Dlexrule.contract.record=true "
                + "and commit " + COMMITTED).matches(promised::equals, "equal to the committed contract");
    }

    private static JsonNode contractOnly(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("x-lexrule-catalog")) {
                ObjectNode target = object.has("items") ? (ObjectNode) object.get("items") : object;
                target.remove(List.of("enum", "x-enum-descriptions"));
                object.remove("x-lexrule-catalog-version");
            }
            object.remove(List.of("examples", "example"));
        }
        // A schema's "properties" names fields, not keywords: a field called "examples" is contract.
        node.fields().forEachRemaining(child -> {
            if (child.getKey().equals("properties")) child.getValue().forEach(ApiDocumentTest::contractOnly);
            else contractOnly(child.getValue());
        });
        if (node.isArray()) node.forEach(ApiDocumentTest::contractOnly);
        return node;
    }
}
