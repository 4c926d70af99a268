package com.lexrule.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The prod profile refuses to start with the demo users. */
class DemoUsersGuardTest {

    static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void productionWithTheDemoUsersEnabledRefusesToStart() {
        assertThatThrownBy(() -> DemoUsersGuard.check(List.of("prod"), config(Map.of("quarkus.security.users.file.enabled", "true"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("demo users");
    }

    @Test
    void productionWithoutDemoUsersStarts() {
        assertThatCode(() -> DemoUsersGuard.check(List.of("prod"), config(Map.of("quarkus.security.users.file.enabled", "false"))))
                .doesNotThrowAnyException();
    }

    @Test
    void theEmbeddedProfileMayUseTheDemoUsers() {
        assertThatCode(() -> DemoUsersGuard.check(List.of("embedded"), config(Map.of("quarkus.security.users.file.enabled", "true"))))
                .doesNotThrowAnyException();
    }
}
