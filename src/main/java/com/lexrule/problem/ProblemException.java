package com.lexrule.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal that already knows its RFC 9457 shape: status, a stable type slug, a title in Chinese and English,
 * a detail, and the errors (each naming a file and cell, or a field) a caller must fix. Thrown by the policy
 * lifecycle, where one endpoint refuses for many different reasons.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<?> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail, List<?> errors, Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions;
    }

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), null);
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public List<?> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }
}
