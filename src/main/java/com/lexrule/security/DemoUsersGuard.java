package com.lexrule.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The demo users (case-system/case-system...) exist for a first run on a laptop. In production they would be
 * known passwords to a legal decision system, so the prod profile refuses to start with them enabled.
 */
@ApplicationScoped
public class DemoUsersGuard {

    void check(@Observes StartupEvent event, Config config) {
        boolean prod = LaunchMode.current() == LaunchMode.NORMAL && ConfigUtils.getProfiles().contains("prod");
        boolean demoUsers = config.getOptionalValue("quarkus.security.users.file.enabled", Boolean.class).orElse(false)
                || config.getOptionalValue("quarkus.security.users.embedded.enabled", Boolean.class).orElse(false);
        if (prod && demoUsers) {
            throw new IllegalStateException("Refusing to start: the demo users from demo-users.properties are enabled "
                    + "in the prod profile. Configure a real identity provider and set "
                    + "quarkus.security.users.file.enabled=false.");
        }
    }
}
