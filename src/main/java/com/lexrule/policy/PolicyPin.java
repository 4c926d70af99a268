package com.lexrule.policy;

import java.util.List;

import com.lexrule.problem.Problem;
import com.lexrule.problem.ProblemException;

/**
 * The policy version a caller pins, from {@code ?policyVersion=} or the {@code X-Policy-Version} header. A client's
 * integration test pins one to get the same answer next year.
 */
public final class PolicyPin {
    public static final String QUERY = "policyVersion";
    public static final String HEADER = "X-Policy-Version";

    private PolicyPin() {
    }

    /** The pinned version, or null for "the one in force today". */
    public static Integer parse(String query, String header) {
        String raw = query != null && !query.isBlank() ? query : header;
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int version = Integer.parseInt(raw.trim());
            if (version > 0) return version;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidPinException(raw);
    }

    /** A pin that is not a positive version number. */
    public static class InvalidPinException extends ProblemException {
        public InvalidPinException(String raw) {
            super(400, "invalid-request", "请求字段无效 (invalid request fields)", message(raw),
                    List.of(new Problem.FieldError(QUERY, message(raw))), null);
        }

        private static String message(String raw) {
            return "policyVersion must be a positive version number, got '" + raw + "'";
        }
    }
}
