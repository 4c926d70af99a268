package com.lexrule.policy;

import java.nio.charset.StandardCharsets;

import com.lexrule.policy.table.Spreadsheet;

/**
 * One file of a policy bundle, named by its place in the bundle: {@code rules/x.drl},
 * {@code decision-tables/y.xlsx}, {@code rules/scenarios/z.json}, {@code rules/policy.json}. A spreadsheet is read
 * into its table model once, on first use, and the model stays with the file: a draft that keeps a file of the
 * version in force keeps that file's model too.
 */
public final class PolicyFile {

    public static final String RULES = "rules/";
    public static final String TABLES = "decision-tables/";
    public static final String SCENARIOS = "rules/scenarios/";
    public static final String MANIFEST = "rules/policy.json";

    private final String name;
    private final byte[] content;
    private volatile Spreadsheet spreadsheet;

    public PolicyFile(String name, byte[] content) {
        this.name = name;
        this.content = content;
    }

    public String name() {
        return name;
    }

    public byte[] content() {
        return content;
    }

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

    /** The workbook's values and table model, read at the first call and kept. */
    public Spreadsheet spreadsheet() {
        Spreadsheet read = spreadsheet;
        if (read == null) {
            synchronized (this) {
                read = spreadsheet;
                if (read == null) spreadsheet = read = Spreadsheet.read(name, content);
            }
        }
        return read;
    }

    @Override
    public String toString() {
        return name + " (" + content.length + " bytes)";
    }
}
