package com.lexrule.assessment;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.lexrule.problem.Problem;
import com.lexrule.problem.ProblemException;

/**
 * Whether an assessment call asked for its counterfactuals ({@code ?counterfactuals=true}), read once for every
 * assessment endpoint, as the objection link is, so that no resource repeats it. The pipeline reads it.
 */
@RequestScoped
public class CounterfactualOption {
    public static final String QUERY = "counterfactuals";

    private boolean requested;

    public boolean requested() {
        return requested;
    }

    void request() {
        requested = true;
    }

    /** Reads the option of an assessment call; any value other than true or false is refused naming the parameter. */
    public static class Filter {
        private final CounterfactualOption option;

        public Filter(CounterfactualOption option) {
            this.option = option;
        }

        @ServerRequestFilter
        public void read(ContainerRequestContext request) {
            if (!request.getUriInfo().getPath().startsWith("/api/v1/assessments/")) {
                return;
            }
            String raw = request.getUriInfo().getQueryParameters().getFirst(QUERY);
            if (raw == null || raw.isBlank() || "false".equalsIgnoreCase(raw.trim())) {
                return;
            }
            if (!"true".equalsIgnoreCase(raw.trim())) {
                String message = "counterfactuals must be true or false, got '" + raw + "'";
                throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)", message,
                        List.of(new Problem.FieldError(QUERY, message)), null);
            }
            option.request(); // through the proxy: a field set on it would not reach the request's bean
        }
    }
}
