package com.lexrule.problem;

/**
 * The service could not do now what the request needs, and did not answer it: a 503 with Retry-After. Thrown where
 * a decision could not be recorded (its audit batch failed), so that no caller is answered a decision the audit does
 * not hold. When the cause is a database that cannot be reached, the answer is the one every request gets then.
 */
public class ServiceUnavailableProblem extends RuntimeException {

    private final int retryAfterSeconds;

    public ServiceUnavailableProblem(String detail, int retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
