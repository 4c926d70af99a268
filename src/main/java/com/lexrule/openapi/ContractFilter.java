package com.lexrule.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ProblemResponses;

import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The served document's one filter: what it says beyond the annotations, computed when it is served so it cannot
 * drift from the service: the problem responses of every operation ({@link ProblemResponses}); the catalog codes a request may use, with their Chinese labels, from the catalog of the version in force
 * (a property marked {@value #CATALOG} = "family:sheet"); the objection link every assessment endpoint reads
 * ({@code ObjectionLinkFilter}); and the examples recorded from real exchanges by {@code ApiExamplesTest}
 * ({@value #EXAMPLES}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class ContractFilter implements OASFilter {

    public static final String CATALOG = "x-lexrule-catalog";
    public static final String EXAMPLES = "openapi/examples.json";
    static final String ASSESSMENTS = "/api/v1/assessments/";

    /** One recorded exchange: the body sent and the body answered, ids and times as they came. */
    public record Example(String summary, Object request, Object response) {
    }

    private static final Map<String, Example> RECORDED = readExamples();
    private static final ProblemResponses PROBLEMS = new ProblemResponses();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        PROBLEMS.filterOpenAPI(openAPI);
        PolicyRegistry registry = Arc.container().instance(PolicyRegistry.class).get();
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().forEach(schema -> addCatalogCodes(schema, registry));
        }
        if (openAPI.getPaths() == null) return;
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().forEach(operation -> {
            // A dry run records nothing, so it links to no objection.
            if (path.startsWith(ASSESSMENTS) && !path.endsWith("/simulate")) addObjectionLink(operation);
            if (path.startsWith(ASSESSMENTS)) addCounterfactualOption(operation);
            Example example = RECORDED.get(operation.getOperationId());
            if (example != null) addExample(operation, example, openAPI);
        }));
    }

    private static void addCatalogCodes(Schema schema, PolicyRegistry registry) {
        if (schema.getProperties() == null) return;
        for (Schema property : schema.getProperties().values()) {
            Object marker = property.get(CATALOG);
            if (marker == null) continue;
            String[] familyAndSheet = marker.toString().split(":", 2);
            CompiledPolicy policy;
            try {
                policy = registry.current(familyAndSheet[0]);
            } catch (RuntimeException noVersionInForce) {
                    continue; // the document still serves; the codes appear once a version is in force
            }
            PolicyCatalog catalog = policy.catalog();
            if (!catalog.has(familyAndSheet[1])) continue;
            List<Object> codes = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            catalog.entries(familyAndSheet[1]).values().forEach(entry -> {
                codes.add(entry.code());
                labels.add(entry.label());
            });
            Schema target = property.getItems() != null ? property.getItems() : property;
            target.setEnumeration(codes);
            target.addExtension("x-enum-descriptions", labels);
            property.addExtension("x-lexrule-catalog-version", policy.version().version());
        }
    }

    private static void addObjectionLink(Operation operation) {
        String description = "重新评估所回应的异议编号（异议、重新评估与原决定相关联）。仅在因异议重新评估时提供；"
                + "异议须属于同一案件、同一政策族 (the objection this re-assessment answers; same case and family)";
        operation.addParameter(OASFactory.createParameter().name("objectionId").in(Parameter.In.QUERY)
                .description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(36)));
        operation.addParameter(OASFactory.createParameter().name("X-Objection-Id").in(Parameter.In.HEADER)
                .description(description + "; as a header").schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(36)));
    }

    /** Read for every assessment endpoint by one filter (assessment/CounterfactualOption), so documented here once. */
    private static void addCounterfactualOption(Operation operation) {
        operation.addParameter(OASFactory.createParameter().name("counterfactuals").in(Parameter.In.QUERY)
                .description("true: the answer also carries its counterfactuals (the smallest changes of the changeable facts "
                        + "that change the outcome), computed with the same compiled policy version; nothing more is recorded "
                        + "than the answer given (an answer with counterfactuals is recorded as answered)")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).defaultValue(false)));
    }

    private static void addExample(Operation operation, Example example, OpenAPI openAPI) {
        if (example.request() != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
                media.addExample("recorded", OASFactory.createExample().summary(example.summary()).value(example.request()));
            }
        }
        if (example.response() != null && operation.getResponses() != null) {
            operation.getResponses().getAPIResponses().entrySet().stream()
                    .filter(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null)
                    .findFirst()
                    .ifPresent(ok -> ok.getValue().getContent().getMediaTypes().values().forEach(media -> {
                        media.addExample("recorded", OASFactory.createExample().summary(example.summary()).value(example.response()));
                        markNullable(media.getSchema(), example.response(), openAPI);
                    }));
        }
    }

    /** A field the recorded answer shows as null can be null: the schema says so, as the exchange proves. */
    private static void markNullable(Schema schema, Object answer, OpenAPI openAPI) {
        if (schema == null || schema.getRef() == null || !(answer instanceof Map<?, ?> fields)) return;
        Schema target = openAPI.getComponents().getSchemas().get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
        if (target == null || target.getProperties() == null) return;
        fields.forEach((name, value) -> {
            Schema property = target.getProperties().get(String.valueOf(name));
            if (value == null && property != null && property.getType() != null
                    && !property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
        });
    }

    /** The recorded examples, by operation id, as the document shows them. */
    public static Map<String, Example> recorded() {
        return RECORDED;
    }

    private static Map<String, Example> readExamples() {
        try (InputStream in = ContractFilter.class.getClassLoader().getResourceAsStream(EXAMPLES)) {
            if (in == null) return Map.of();
            return new ObjectMapper().readValue(in, new TypeReference<LinkedHashMap<String, Example>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable " + EXAMPLES, e);
        }
    }
}
