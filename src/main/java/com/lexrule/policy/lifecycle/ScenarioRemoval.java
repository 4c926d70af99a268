package com.lexrule.policy.lifecycle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;

/**
 * A published scenario file that a draft would leave with fewer cases: emptied, cut down, pointed at another
 * endpoint, or gone. Scenarios are the legal checks a policy must keep passing, so a draft that drops some would
 * pass by testing less ("0/0 passed"). Retiring a scenario can be right (the law changed), so it is not refused;
 * but the approver sees each such file on the draft and must confirm the removal explicitly, and the confirmation
 * is published with the version.
 *
 * @param file      the scenario file, as named in the bundle
 * @param endpoint  the endpoint its published scenarios test
 * @param published scenarios in the published version the draft is based on
 * @param remaining scenarios of that endpoint left in the draft's file
 * @param reason    what the draft did, in Chinese and English
 */
public record ScenarioRemoval(String file, String endpoint, int published, int remaining, String reason) {

    /** Every published scenario file the draft removes scenarios from, in the published version's order. */
    static List<ScenarioRemoval> between(PolicyBundle published, PolicyBundle draft, ObjectMapper json) {
        List<ScenarioRemoval> removals = new ArrayList<>();
        for (PolicyFile before : published.scenarios()) {
            JsonNode suite = read(before.content(), json);
            if (suite == null) {
                continue; // a published file that is no suite held no scenario to lose
            }
            String endpoint = suite.path("endpoint").asText("");
            int count = suite.path("scenarios").size();
            if (count == 0) {
                continue;
            }
            var after = draft.file(before.name());
            if (after.isEmpty()) {
                removals.add(new ScenarioRemoval(before.name(), endpoint, count, 0, "情景文件被删除 (the scenario file was removed)"));
                continue;
            }
            JsonNode changed = read(after.get().content(), json);
            if (changed == null || !changed.path("scenarios").isArray()) {
                removals.add(new ScenarioRemoval(before.name(), endpoint, count, 0, "情景文件不再是情景集 (the file is no longer a scenario suite)"));
            } else if (!endpoint.equals(changed.path("endpoint").asText(""))) {
                removals.add(new ScenarioRemoval(before.name(), endpoint, count, 0, "情景文件改测其他接口 "
                        + changed.path("endpoint").asText("") + "，原接口的情景全部移除 (the file now tests another endpoint)"));
            } else if (changed.path("scenarios").size() < count) {
                int left = changed.path("scenarios").size();
                removals.add(new ScenarioRemoval(before.name(), endpoint, count, left, left == 0
                        ? "情景集被清空 (the suite was emptied)"
                        : "情景由 " + count + " 个减为 " + left + " 个 (fewer scenarios than published)"));
            }
        }
        return List.copyOf(removals);
    }

    private static JsonNode read(byte[] content, ObjectMapper json) {
        try {
            JsonNode node = json.readTree(content);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
