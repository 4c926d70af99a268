package com.lexrule.problem;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;


/**
 * The problem responses of the OpenAPI document, written once. Every operation gets the answers that
 * {@link ProblemMapper} can give any endpoint of its kind: 400 where it reads a body or parameters, 401 and 403 where
 * it needs a role (the roles named), 413 where it reads a body, 500, and 503 while the database is away. Every 4xx and
 * 5xx, these and those an endpoint declares for itself (404, 409, 422...), is an RFC 9457 {@link Problem} as
 * {@code application/problem+json}. A resource annotates only the answers that are its own, without their content.
 * Applied by the document's one filter, {@code openapi.ContractFilter}.
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA_REF = "#/components/schemas/Problem";
    /** What Quarkus writes for the 401 and 403 it adds to a secured operation: replaced by what this service answers. */
    /** The operations that evaluate live on the evaluation pool (assessment.EvaluationPool): assess and simulate. */
    private static final java.util.regex.Pattern ASSESSMENT = java.util.regex.Pattern.compile("(assess|simulate)[A-Z].*");
    private static final Set<String> PLACEHOLDERS = Set.of("Not Authorized", "Not Allowed", "Bad Request");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) return;
        openAPI.getPaths().getPathItems().values().forEach(item -> {
            if (item.getOperations() != null) item.getOperations().values().forEach(ProblemResponses::complete);
        });
    }

    private static void complete(Operation operation) {
        if (operation.getResponses() == null) operation.setResponses(OASFactory.createAPIResponses());
        APIResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY || p.getIn() == Parameter.In.HEADER);
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        List<String> roles = roles(operation);
        if (body || parameters) {
            add(responses, "400", "Malformed JSON, or an invalid field or parameter; each is named in errors");
        }
        if (secured) {
            add(responses, "401", "Not authenticated");
        }
        if (!roles.isEmpty()) {
            add(responses, "403", "Role " + either(roles) + " required");
        }
        if (body) {
            add(responses, "413", "Body too large; the problem names the limit");
        }
        add(responses, "500", "Internal error; nothing was decided or recorded");
        add(responses, "503", operation.getOperationId() != null && ASSESSMENT.matcher(operation.getOperationId()).matches()
                ? "The database cannot be reached, or the service is at its evaluation limit (overloaded) or the evaluation "
                        + "timed out (evaluation-timeout); nothing was decided or recorded; retry after Retry-After seconds"
                : "The database cannot be reached; nothing was decided or recorded; retry after Retry-After seconds");
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF))));
            }
        });
    }

    /**
     * The response unless the endpoint declares its own, more precise one. Quarkus's placeholders are one object shared
     * by every operation, so they are replaced, never changed.
     */
    private static void add(APIResponses responses, String code, String description) {
        APIResponse declared = responses.getAPIResponse(code);
        if (declared == null || declared.getDescription() == null || PLACEHOLDERS.contains(declared.getDescription())) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        }
    }

    /** "a", "a or b", "a, b or c". */
    private static String either(List<String> roles) {
        if (roles.size() == 1) return roles.get(0);
        return String.join(", ", roles.subList(0, roles.size() - 1)) + " or " + roles.get(roles.size() - 1);
    }

    /** The roles of the operation's security requirement, which Quarkus derives from its {@code @RolesAllowed}. */
    private static List<String> roles(Operation operation) {
        if (operation.getSecurity() == null) return List.of();
        return operation.getSecurity().stream().map(SecurityRequirement::getSchemes).filter(s -> s != null)
                .flatMap(s -> s.values().stream()).flatMap(List::stream).distinct().toList();
    }
}
