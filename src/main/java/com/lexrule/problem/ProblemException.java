package com.lexrule.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal that already knows its RFC 9457 shape: status, a stable type slug, a title in Chinese and English,
 * a detail, and the errors (each naming a file and cell, or a field) a caller must fix. Every domain refusal
 * (an unknown code, an unknown policy version, a policy that does not compile...) is one, built where it is thrown,
 * so that this package knows no domain and {@link ProblemMapper} maps them all alike.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<?> errors;
    private final Map<String, Object> extensions;
    private final String detail;

    public ProblemException(int status, String slug, String title, String detail, List<?> errors, Map<String, Object> extensions) {
        this(detail, status, slug, title, detail, errors, extensions);
    }

    /** A refusal whose message, for logs, says more than its detail, for the caller. */
    protected ProblemException(String message, int status, String slug, String title, String detail, List<?> errors,
                               Map<String, Object> extensions) {
        super(message);
        this.detail = detail;
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
    public String detail() { return detail; }
    public List<?> errors() { return errors; }
    public Map<String, Object> extensions() { return extensions; }
}
