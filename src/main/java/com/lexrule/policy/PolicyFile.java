package com.lexrule.policy;

import java.nio.charset.StandardCharsets;

/**
 * One file of a policy bundle, named by its place in the bundle: {@code rules/x.drl},
 * {@code decision-tables/y.xlsx}, {@code rules/scenarios/z.json}, {@code rules/policy.json}.
 */
public record PolicyFile(String name, byte[] content) {

    public static final String RULES = "rules/";
    public static final String TABLES = "decision-tables/";
    public static final String SCENARIOS = "rules/scenarios/";
    public static final String MANIFEST = "rules/policy.json";

    public boolean isDrl() {
        return name.startsWith(RULES) && name.endsWith(".drl");
    }

    public boolean isSpreadsheet() {
        return name.startsWith(TABLES) && name.endsWith(".xlsx");
    }

    public boolean isScenario() {
        return name.startsWith(SCENARIOS) && name.endsWith(".json");
    }

    /** The file name without its folder, as an officer knows it. */
    public String simpleName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
