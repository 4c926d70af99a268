package com.lexrule.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;

/**
 * What counts as removing scenarios, on the baseline bundle of the bail family as it is on disk: a file gone or no
 * longer a suite removes all its cases; keeping or adding cases removes none.
 */
class ScenarioRemovalBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAIL_DEPOSIT = PolicyFile.SCENARIOS + "bail-deposit.json";

    static PolicyBundle baseline() throws IOException {
        List<PolicyFile> files = new ArrayList<>();
        files.add(new PolicyFile(PolicyFile.MANIFEST, Files.readAllBytes(Path.of("rules/bail/policy.json"))));
        for (String name : List.of("bail-deposit.json", "compensation-deposit.json")) {
            files.add(new PolicyFile(PolicyFile.SCENARIOS + name, Files.readAllBytes(Path.of("rules/bail/scenarios", name))));
        }
        return new PolicyBundle("bail", files);
    }

    static PolicyBundle with(PolicyBundle bundle, String name, byte[] content) {
        List<PolicyFile> files = new ArrayList<>(bundle.files().stream().filter(f -> !f.name().equals(name)).toList());
        if (content != null) {
            files.add(new PolicyFile(name, content));
        }
        return new PolicyBundle(bundle.family(), files);
    }

    @Test
    void aRemovedScenarioFileRemovesAllItsCases() throws IOException {
        PolicyBundle published = baseline();
        List<ScenarioRemoval> removals = ScenarioRemoval.between(published, with(published, BAIL_DEPOSIT, null), JSON);
        assertThat(removals).hasSize(1);
        assertThat(removals.get(0).file()).isEqualTo(BAIL_DEPOSIT);
        assertThat(removals.get(0).published()).isEqualTo(JSON.readTree(published.file(BAIL_DEPOSIT).orElseThrow().content()).path("scenarios").size());
        assertThat(removals.get(0).remaining()).isZero();
        assertThat(removals.get(0).reason()).contains("removed");
    }

    @Test
    void aFileThatIsNoLongerASuiteRemovesAllItsCases() throws IOException {
        PolicyBundle published = baseline();
        assertThat(ScenarioRemoval.between(published, with(published, BAIL_DEPOSIT, "[]".getBytes(StandardCharsets.UTF_8)), JSON))
                .singleElement().satisfies(r -> assertThat(r.remaining()).isZero());
    }

    @Test
    void anUnchangedBundleRemovesNothing() throws IOException {
        PolicyBundle published = baseline();
        assertThat(ScenarioRemoval.between(published, published, JSON)).isEmpty();
    }
}
