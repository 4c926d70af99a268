package com.lexrule.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * What an operator watches of the policies (docs/operations.md, "Metrics"): the version in force per family
 * ({@code lexrule_policy_version_in_force}, so that replicas answering from different versions show as two lines),
 * and the lifecycle's drafts, approvals and rejections per family. The counters are registered for every family at
 * start, at zero, so that a dashboard shows a family before its first draft.
 */
@ApplicationScoped
public class PolicyMetrics {

    private final MeterRegistry meters;
    private final PolicyRegistry registry;

    public PolicyMetrics(MeterRegistry meters, PolicyRegistry registry) {
        this.meters = meters;
        this.registry = registry;
    }

    void register(@Observes StartupEvent event) {
        for (String family : registry.families()) {
            Gauge.builder("lexrule.policy.version.in.force", registry, r -> versionInForce(r, family)).tag("family", family)
                    .description("The policy version in force today for the family, as this replica decides with it")
                    .register(meters);
            for (String status : new String[] {"valid", "invalid"}) drafts(family, status);
            approvals(family);
            rejections(family);
        }
    }

    private static double versionInForce(PolicyRegistry registry, String family) {
        try {
            return registry.current(family).version().version();
        } catch (RuntimeException noVersionInForce) {
            return Double.NaN;
        }
    }

    /** A draft stored, valid (it compiles) or invalid. */
    public void drafted(String family, boolean valid) {
        drafts(family, valid ? "valid" : "invalid").increment();
    }

    /** A draft approved and published, or an older version republished. */
    public void approved(String family) {
        approvals(family).increment();
    }

    public void rejected(String family) {
        rejections(family).increment();
    }

    private Counter drafts(String family, String status) {
        return Counter.builder("lexrule.policy.drafts").tag("family", family).tag("status", status)
                .description("Policy drafts stored, by whether they compile").register(meters);
    }

    private Counter approvals(String family) {
        return Counter.builder("lexrule.policy.approvals").tag("family", family)
                .description("Policy versions published by approval or republication").register(meters);
    }

    private Counter rejections(String family) {
        return Counter.builder("lexrule.policy.rejections").tag("family", family)
                .description("Policy drafts rejected by an approver").register(meters);
    }
}
