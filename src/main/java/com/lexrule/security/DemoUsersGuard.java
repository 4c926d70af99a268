package com.lexrule.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Settings that exist for a first run on a laptop or for a benchmark must never reach production: the demo users
 * (case-system/case-system...) would be known passwords to a legal decision system, and a benchmark run without the
 * audit write would answer decisions that are not recorded. The prod profile refuses to start with either.
 */
@ApplicationScoped
public class DemoUsersGuard {

    private static final Logger LOG = Logger.getLogger(DemoUsersGuard.class);
    static final String AUDIT_OFF = "lexrule.audit.benchmark-without-audit";

    void check(@Observes StartupEvent event, Config config) {
        check(ConfigUtils.getProfiles(), config);
    }

    static void check(List<String> profiles, Config config) {
        boolean demoUsers = flag(config, "quarkus.security.users.file.enabled") || flag(config, "quarkus.security.users.embedded.enabled");
        boolean auditOff = flag(config, AUDIT_OFF);
        if (profiles.contains("prod") && demoUsers) {
            throw new IllegalStateException("Refusing to start: the demo users from demo-users.properties are enabled "
                    + "in the prod profile. Configure a real identity provider and set "
                    + "quarkus.security.users.file.enabled=false.");
        }
        if (profiles.contains("prod") && auditOff) {
            throw new IllegalStateException("Refusing to start: " + AUDIT_OFF + " is set in the prod profile; every "
                    + "decision must be recorded.");
        }
        if (auditOff) {
            LOG.warn("BENCHMARK MODE: decisions are answered WITHOUT being recorded (" + AUDIT_OFF + "=true)");
        }
    }

    private static boolean flag(Config config, String name) {
        return config.getOptionalValue(name, Boolean.class).orElse(false);
    }
}
