package com.lexrule.policy;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/** Ready only once every policy family in force has compiled: before that the service cannot decide anything. */
@Readiness
@ApplicationScoped
public class PolicyReadinessCheck implements HealthCheck {
    private final PolicyRegistry registry;

    public PolicyReadinessCheck(PolicyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("policies").status(registry.isReady())
                .withData("families", String.join(",", registry.families())).build();
    }
}
