package com.lexrule.problem;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}). {@code errors} names each offending field or,
 * for a policy, each file and cell; the remaining extensions carry what a caller needs to fix its request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details: type, title, status, detail, instance; errors names each "
        + "offending field, or each file and cell of a policy")
public record Problem(String type, String title, int status, String detail, String instance,
                      List<?> errors, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://lexrule.example/problems/";

    @com.fasterxml.jackson.annotation.JsonAnyGetter
    public Map<String, Object> any() {
        return extensions == null ? Map.of() : extensions;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** One field that was wrong, named by its JSON path, with why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message, Object rejectedValue, List<String> allowedValues) {
        public FieldError(String field, String message) {
            this(field, message, null, null);
        }
    }
}
