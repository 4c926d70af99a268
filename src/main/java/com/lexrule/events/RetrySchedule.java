package com.lexrule.events;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exponential backoff: after the n-th failed attempt the next waits {@code initial-delay × multiplier^(n-1)}, at most
 * {@code max-delay}; after {@code max-attempts} failures the delivery is dead (docs/events.md lists the schedule).
 */
@ApplicationScoped
public class RetrySchedule {

    private final Duration initial;
    private final double multiplier;
    private final Duration max;
    private final int maxAttempts;

    public RetrySchedule(@ConfigProperty(name = "lexrule.events.retry.initial-delay") Duration initial,
                         @ConfigProperty(name = "lexrule.events.retry.multiplier") double multiplier,
                         @ConfigProperty(name = "lexrule.events.retry.max-delay") Duration max,
                         @ConfigProperty(name = "lexrule.events.retry.max-attempts") int maxAttempts) {
        if (initial.isNegative() || multiplier < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("lexrule.events.retry: initial-delay >= 0, multiplier >= 1, max-attempts >= 1");
        }
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
        this.maxAttempts = maxAttempts;
    }

    Duration delayAfter(int failedAttempts) {
        double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }

    boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
