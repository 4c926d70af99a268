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
 * (case-system/case-system...) would be known passwords to a legal decision system. The prod profile refuses to
 * start with them. (No setting can turn the audit write off: benchmarks measure the audited service.)
 */
@ApplicationScoped
public class DemoUsersGuard {

    private static final Logger LOG = Logger.getLogger(DemoUsersGuard.class);

    void check(@Observes StartupEvent event, Config config) {
        check(ConfigUtils.getProfiles(), config);
    }

    static void check(List<String> profiles, Config config) {
        boolean demoUsers = flag(config, "quarkus.security.users.file.enabled") || flag(config, "quarkus.security.users.embedded.enabled");
        if (profiles.contains("prod") && demoUsers) {
            throw new IllegalStateException("Refusing to start: the demo users from demo-users.properties are enabled "
                    + "in the prod profile. Configure a real identity provider and set "
                    + "quarkus.security.users.file.enabled=false.");
        }
    }

    private static boolean flag(Config config, String name) {
        return config.getOptionalValue(name, Boolean.class).orElse(false);
    }
}
