package com.lexrule.problem;

/**
 * The service could not do now what the request needs, and did not answer it: a 503 with Retry-After. Thrown where
 * a decision could not be recorded (its audit batch failed), so that no caller is answered a decision the audit does
 * not hold. When the cause is a database that cannot be reached, the answer is the one every request gets then.
 */
public class ServiceUnavailableProblem extends RuntimeException {

    private final int retryAfterSeconds;
    private final String slug;
    private final String title;

    public ServiceUnavailableProblem(String detail, int retryAfterSeconds, Throwable cause) {
        this("service-unavailable", "审计记录未能写入 (decision not recorded)", detail, retryAfterSeconds, cause);
    }

    private ServiceUnavailableProblem(String slug, String title, String detail, int retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.slug = slug;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The end of the problem's type. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Every evaluation slot and queue place was taken: refused at once, nothing evaluated (assessment.EvaluationPool). */
    public static final class Overloaded extends ServiceUnavailableProblem {
        public Overloaded(String detail, int retryAfterSeconds) {
            super("overloaded", "服务繁忙 (overloaded)", detail, retryAfterSeconds, null);
        }
    }

    /** The evaluation did not finish within its timeout, waiting included: cancelled, nothing recorded. */
    public static final class TimedOut extends ServiceUnavailableProblem {
        public TimedOut(String detail, int retryAfterSeconds) {
            super("evaluation-timeout", "评估超时 (evaluation timed out)", detail, retryAfterSeconds, null);
        }
    }
}
