package com.lexrule.security;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service as prod authenticates: the profile {@code oidc} (prod's parent in application.properties, so exactly
 * prod's identity settings) on top of the test profile, against {@link TestIdentityProvider}. No demo user, no HTTP
 * Basic: only the provider's bearer tokens. The console's client secret is the one thing prod takes from a Secret.
 */
public class BearerTokens implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "test,oidc";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.console.credentials.secret", "console-test-secret");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestIdentityProvider.class));
    }
}
