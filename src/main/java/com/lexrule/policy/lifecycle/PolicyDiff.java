package com.lexrule.policy.lifecycle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.lifecycle.Grid.SheetGrid;

/**
 * What changed between two bundles, in the terms officers use: decision-table rows matched by rule id (the
 * METADATA ruleId column) with the column's Chinese label, catalog rows matched by code, DRL rules by rule id,
 * scenarios by name, and manifest fields. Not a binary diff.
 */
public final class PolicyDiff {

    private static final Pattern DRL_RULE = Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\"(.*?)^\\s*end\\s*$");
    private static final Pattern RULE_ID = Pattern.compile("@ruleId\\(\\s*\"([^\"]+)\"\\s*\\)");

    private PolicyDiff() {
    }

    /** One change. {@code key} is the rule id, catalog code or scenario name; {@code column} the label of the changed column. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String file, String table, String kind, String key, String column, String oldValue,
                         String newValue, String cell, Map<String, String> row) {
    }

    static List<Change> diff(PolicyBundle from, PolicyBundle to, ObjectMapper json) {
        List<Change> changes = new ArrayList<>();
        String catalog = to.manifest().catalog();
        Set<String> names = new TreeSet<>();
        from.files().forEach(f -> names.add(f.name()));
        to.files().forEach(f -> names.add(f.name()));
        for (String name : names) {
            PolicyFile was = from.file(name).orElse(null);
            PolicyFile is = to.file(name).orElse(null);
            if (was == null || is == null) {
                changes.add(new Change(name, null, was == null ? "ADDED" : "REMOVED", name, null, null, null, null, null));
                continue;
            }
            if (Arrays.equals(was.content(), is.content())) continue;
            try {
                if (is.isSpreadsheet() && is.simpleName().equals(catalog)) {
                    catalog(name, Grid.read(was.content()), Grid.read(is.content()), changes);
                } else if (is.isSpreadsheet()) {
                    table(name, Grid.read(was.content()).sheets().get(0), Grid.read(is.content()).sheets().get(0), changes);
                } else if (is.isDrl()) {
                    drl(name, was.text(), is.text(), changes);
                } else if (is.name().endsWith(".json")) {
                    json(name, json.readTree(was.content()), json.readTree(is.content()), is.isScenario(), changes);
                } else {
                    changes.add(new Change(name, null, "CHANGED", name, null, null, null, null, null));
                }
            } catch (Grid.Unreadable | IOException e) {
                changes.add(new Change(name, null, "CHANGED", name, null, null, "（无法逐行比较 cannot compare by row: "
                        + e.getMessage() + "）", null, null));
            }
        }
        return changes;
    }

    private record TableRows(String name, Map<Integer, String> labels, Map<String, Map<Integer, String>> rows,
                             Map<String, Integer> rowIndex) {
    }

    private static List<TableRows> tables(SheetGrid sheet) {
        List<TableRows> tables = new ArrayList<>();
        List<Integer> starts = sheet.ruleTableRows();
        for (int t = 0; t < starts.size(); t++) {
            int r = starts.get(t);
            int end = t + 1 < starts.size() ? starts.get(t + 1) : sheet.lastRow() + 1;
            String name = sheet.text(r, sheet.ruleTableColumn(r)).replaceFirst("(?i)^ruletable\\s*", "");
            Map<Integer, String> types = new LinkedHashMap<>();
            sheet.row(r + 1).forEach((c, v) -> types.put(c, v.text().toUpperCase(Locale.ROOT)));
            Map<Integer, String> labels = new LinkedHashMap<>();
            for (int c : types.keySet()) {
                String label = sheet.text(r + 4, c);
                labels.put(c, label.isEmpty() ? types.get(c) + " " + Grid.cell(r + 4, c).replaceAll("\\d", "") : label);
            }
            Integer idColumn = null;
            for (int c : types.keySet()) {
                if (types.get(c).equals("METADATA") && sheet.text(r + 3, c).startsWith("ruleId(")) idColumn = c;
            }
            Map<String, Map<Integer, String>> rows = new LinkedHashMap<>();
            Map<String, Integer> rowIndex = new LinkedHashMap<>();
            for (int row = r + 5; row < end && !sheet.blank(row); row++) {
                Map<Integer, String> values = new LinkedHashMap<>();
                for (int c : types.keySet()) values.put(c, sheet.text(row, c));
                String key;
                if (idColumn != null && !values.get(idColumn).isEmpty()) {
                    key = values.get(idColumn);
                } else {
                    List<String> conditions = new ArrayList<>();
                    types.forEach((c, type) -> {
                        if (type.equals("CONDITION")) conditions.add(values.get(c));
                    });
                    key = String.join(" / ", conditions);
                }
                String unique = key;
                for (int n = 2; rows.containsKey(unique); n++) unique = key + " #" + n;
                rows.put(unique, values);
                rowIndex.put(unique, row);
            }
            tables.add(new TableRows(name, labels, rows, rowIndex));
        }
        return tables;
    }

    private static void table(String file, SheetGrid was, SheetGrid is, List<Change> changes) {
        List<TableRows> old = tables(was);
        List<TableRows> now = tables(is);
        for (int t = 0; t < Math.max(old.size(), now.size()); t++) {
            TableRows a = t < old.size() ? old.get(t) : new TableRows("", Map.of(), Map.of(), Map.of());
            TableRows b = t < now.size() ? now.get(t) : new TableRows("", Map.of(), Map.of(), Map.of());
            String table = b.name().isEmpty() ? a.name() : b.name();
            Map<Integer, String> labels = b.labels().isEmpty() ? a.labels() : b.labels();
            compare(file, table, labels, labels, a.rows(), b.rows(), b.rowIndex(), changes);
        }
    }

    private static void catalog(String file, Grid was, Grid is, List<Change> changes) {
        for (SheetGrid sheet : is.sheets()) {
            SheetGrid old = was.sheets().stream().filter(s -> s.name().equals(sheet.name())).findFirst().orElse(null);
            if (old == null) {
                changes.add(new Change(file, sheet.name(), "ADDED", sheet.name(), null, null, null, null, null));
                continue;
            }
            compare(file, sheet.name(), headings(old), headings(sheet), entries(old), entries(sheet), rowIndex(sheet), changes);
        }
        for (SheetGrid old : was.sheets()) {
            if (is.sheets().stream().noneMatch(s -> s.name().equals(old.name()))) {
                changes.add(new Change(file, old.name(), "REMOVED", old.name(), null, null, null, null, null));
            }
        }
    }

    /** The Chinese heading (row 2) of each catalog column, else its key (row 1). */
    private static Map<Integer, String> headings(SheetGrid sheet) {
        Map<Integer, String> headings = new LinkedHashMap<>();
        sheet.row(0).forEach((c, key) -> {
            String heading = sheet.text(1, c);
            headings.put(c, heading.isEmpty() ? key.text() : heading);
        });
        return headings;
    }

    private static Map<String, Map<Integer, String>> entries(SheetGrid sheet) {
        Map<String, Map<Integer, String>> entries = new LinkedHashMap<>();
        for (var row : sheet.rows().tailMap(2).entrySet()) {
            String code = sheet.text(row.getKey(), 0);
            if (code.isEmpty()) continue;
            Map<Integer, String> values = new LinkedHashMap<>();
            for (int c : sheet.row(0).keySet()) values.put(c, sheet.text(row.getKey(), c));
            entries.put(code, values);
        }
        return entries;
    }

    private static Map<String, Integer> rowIndex(SheetGrid sheet) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int row : sheet.rows().tailMap(2).keySet()) index.put(sheet.text(row, 0), row);
        return index;
    }

    private static void compare(String file, String table, Map<Integer, String> oldLabels, Map<Integer, String> labels,
                                Map<String, Map<Integer, String>> old, Map<String, Map<Integer, String>> now,
                                Map<String, Integer> rowIndex, List<Change> changes) {
        for (var entry : old.entrySet()) {
            if (!now.containsKey(entry.getKey())) {
                changes.add(new Change(file, table, "REMOVED", entry.getKey(), null, null, null, null, labelled(oldLabels, entry.getValue())));
            }
        }
        for (var entry : now.entrySet()) {
            Map<Integer, String> before = old.get(entry.getKey());
            Integer row = rowIndex.get(entry.getKey());
            if (before == null) {
                changes.add(new Change(file, table, "ADDED", entry.getKey(), null, null, null,
                        row == null ? null : "第 " + (row + 1) + " 行", labelled(labels, entry.getValue())));
                continue;
            }
            Set<Integer> columns = new TreeSet<>(before.keySet());
            columns.addAll(entry.getValue().keySet());
            for (int c : columns) {
                String a = before.getOrDefault(c, "");
                String b = entry.getValue().getOrDefault(c, "");
                if (!a.equals(b)) {
                    changes.add(new Change(file, table, "CHANGED", entry.getKey(), labels.getOrDefault(c, oldLabels.get(c)), a, b,
                            row == null ? null : Grid.cell(row, c), null));
                }
            }
        }
    }

    private static Map<String, String> labelled(Map<Integer, String> labels, Map<Integer, String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        values.forEach((c, v) -> {
            if (!v.isEmpty()) row.put(labels.getOrDefault(c, Grid.cell(0, c).replaceAll("\\d", "")), v);
        });
        return row;
    }

    private static Map<String, String[]> rules(String drl) {
        Map<String, String[]> rules = new LinkedHashMap<>();
        Matcher rule = DRL_RULE.matcher(drl);
        while (rule.find()) {
            Matcher id = RULE_ID.matcher(rule.group(2));
            String key = id.find() ? id.group(1) : rule.group(1);
            String body = rule.group(0).lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (x, y) -> x + "\n" + y);
            rules.put(key, new String[] {rule.group(1), body});
        }
        return rules;
    }

    private static void drl(String file, String was, String is, List<Change> changes) {
        Map<String, String[]> old = rules(was);
        Map<String, String[]> now = rules(is);
        old.forEach((id, rule) -> {
            if (!now.containsKey(id)) changes.add(new Change(file, null, "REMOVED", id, "rule", rule[0], null, null, null));
        });
        now.forEach((id, rule) -> {
            String[] before = old.get(id);
            if (before == null) changes.add(new Change(file, null, "ADDED", id, "rule", null, rule[0], null, null));
            else if (!before[1].equals(rule[1])) changes.add(new Change(file, null, "CHANGED", id, "rule", before[0], rule[0], null, null));
        });
    }

    private static void json(String file, JsonNode was, JsonNode is, boolean scenarios, List<Change> changes) {
        if (scenarios) {
            Map<String, JsonNode> old = byName(was.path("scenarios"));
            Map<String, JsonNode> now = byName(is.path("scenarios"));
            old.forEach((name, s) -> {
                if (!now.containsKey(name)) changes.add(new Change(file, null, "REMOVED", name, null, s.path("expect").toString(), null, null, null));
            });
            now.forEach((name, s) -> {
                JsonNode before = old.get(name);
                if (before == null) changes.add(new Change(file, null, "ADDED", name, null, null, s.path("expect").toString(), null, null));
                else if (!before.equals(s)) changes.add(new Change(file, null, "CHANGED", name, "expect",
                        before.path("expect").toString(), s.path("expect").toString(), null, null));
            });
            return;
        }
        Set<String> keys = new TreeSet<>();
        was.fieldNames().forEachRemaining(keys::add);
        is.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode a = was.get(key);
            JsonNode b = is.get(key);
            if (!Objects.equals(a, b)) {
                changes.add(new Change(file, null, a == null ? "ADDED" : b == null ? "REMOVED" : "CHANGED", key, key,
                        a == null ? null : a.isTextual() ? a.asText() : a.toString(), b == null ? null : b.isTextual() ? b.asText() : b.toString(), null, null));
            }
        }
    }

    private static Map<String, JsonNode> byName(JsonNode scenarios) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = scenarios.elements(); it.hasNext(); ) {
            JsonNode s = it.next();
            byName.put(s.path("name").asText(), s);
        }
        return byName;
    }
}
