package com.lexrule.assessment;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.policy.CompiledPolicy;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.ProblemException;
import com.lexrule.problem.ServiceUnavailableProblem;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code lexrule_decisions_seconds}: every assessment from the version's resolution to its recorded decision, by
 * family, endpoint, outcome and policy version, as a histogram (p50/p95/p99 in Grafana with histogram_quantile).
 * The outcome is the decision's grade (arrest: the color; bail: the guarantee or measure; a short list fixed by law and catalog)
 * when it was decided and recorded; {@code refused} for a request the policy refused (unknown code, version, linked
 * decision), {@code unavailable} for a 503 (overloaded, timed out, audit not written), {@code failed} otherwise.
 */
@ApplicationScoped
public class AssessmentMetrics {

    static final String NAME = "lexrule.decisions";

    private final MeterRegistry meters;

    public AssessmentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void decided(FamilyDefinition<?, ?> family, CompiledPolicy policy, String grade, long startedNanos) {
        timer(family, policy, grade == null || grade.isBlank() ? "decided" : grade).record(System.nanoTime() - startedNanos,
                java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void notDecided(FamilyDefinition<?, ?> family, CompiledPolicy policy, Throwable failure, long startedNanos) {
        timer(family, policy, outcomeOf(failure)).record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    static String outcomeOf(Throwable failure) {
        if (failure instanceof ServiceUnavailableProblem) return "unavailable";
        if (failure instanceof ProblemException problem && problem.status() < 500) return "refused";
        if (failure instanceof NotFoundProblem || failure instanceof jakarta.validation.ValidationException
                || failure instanceof com.lexrule.policy.UnknownCodeException
                || failure instanceof com.lexrule.policy.UnknownPolicyVersionException) return "refused";
        return "failed";
    }

    private Timer timer(FamilyDefinition<?, ?> family, CompiledPolicy policy, String outcome) {
        return Timer.builder(NAME)
                .description("Assessments from version resolution to the recorded decision")
                .tag("family", family.family()).tag("endpoint", family.path()).tag("outcome", outcome)
                .tag("version", policy == null ? "none" : Integer.toString(policy.version().version()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }
}
