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
import java.util.stream.Collectors;

import org.apache.poi.ss.util.CellReference;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.CellValue;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.SheetCells;
import com.lexrule.policy.table.Spreadsheet;
import com.lexrule.policy.table.TableReader;
import com.lexrule.policy.table.TableTemplate;

/**
 * What changed between two bundles, in the terms officers use: decision-table rows matched by rule id (the
 * METADATA ruleId column) with the column's Chinese label, catalog rows matched by code, DRL rules by rule id,
 * scenarios by name, and manifest fields. Not a binary diff. Tables and catalogs are compared as the table model
 * each file was read into (the one the compile reads), DRL as Drools' parser reads it.
 */
public final class PolicyDiff {

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
                    catalog(name, sheets(was), sheets(is), changes);
                } else if (is.isSpreadsheet()) {
                    table(name, table(was), table(is), changes);
                } else if (is.isDrl()) {
                    drl(name, rules(was), rules(is), changes);
                } else if (is.name().endsWith(".json")) {
                    json(name, json.readTree(was.content()), json.readTree(is.content()), is.isScenario(), changes);
                } else {
                    changes.add(new Change(name, null, "CHANGED", name, null, null, null, null, null));
                }
            } catch (Incomparable | IOException e) {
                changes.add(new Change(name, null, "CHANGED", name, null, null, "（无法逐行比较 cannot compare by row: "
                        + e.getMessage() + "）", null, null));
            }
        }
        return changes;
    }

    /** A file of one side that does not read as the model its kind is compared by. */
    private static final class Incomparable extends Exception {
        Incomparable(String message) {
            super(message);
        }
    }

    private static List<SheetCells> sheets(PolicyFile file) throws Incomparable {
        Spreadsheet spreadsheet = file.spreadsheet();
        if (spreadsheet.unreadable().isPresent()) {
            throw new Incomparable("无法读取电子表格，或被压缩炸弹防护拒绝 (unreadable workbook, or refused by zip-bomb protection): "
                    + spreadsheet.unreadable().get());
        }
        return spreadsheet.sheets();
    }

    private static DecisionTable table(PolicyFile file) throws Incomparable {
        sheets(file);
        TableReader.Result read = file.spreadsheet().decisionTable();
        if (read.table() == null) {
            throw new Incomparable("决策表无法读取 (the table does not read): " + read.problems());
        }
        return read.table();
    }

    private record TableRows(String name, Map<Integer, String> labels, Map<String, Map<Integer, String>> rows,
                             Map<String, Integer> rowIndex) {
    }

    /** Each RuleTable's rows, keyed by rule id (the METADATA ruleId column) or else by their conditions. */
    private static List<TableRows> tables(DecisionTable table) {
        List<TableRows> tables = new ArrayList<>();
        for (int t = 0; t < table.parts().size(); t++) {
            TableTemplate.Header header = table.template().tables().get(t);
            String name = header.name().replaceFirst("(?i)^ruletable\\s*", "");
            Map<Integer, String> types = new LinkedHashMap<>();
            header.rows().get(1).forEach((c, type) -> types.put(c, type.toUpperCase(Locale.ROOT)));
            Map<Integer, String> labels = new LinkedHashMap<>();
            for (int c : types.keySet()) {
                String label = header.rows().get(4).getOrDefault(c, "");
                labels.put(c, label.isEmpty() ? types.get(c) + " " + CellReference.convertNumToColString(c) : label);
            }
            Integer idColumn = null;
            for (int c : types.keySet()) {
                if (types.get(c).equals("METADATA") && header.rows().get(3).getOrDefault(c, "").startsWith("ruleId(")) idColumn = c;
            }
            Map<String, Map<Integer, String>> rows = new LinkedHashMap<>();
            Map<String, Integer> rowIndex = new LinkedHashMap<>();
            for (DecisionTable.DataRow row : table.parts().get(t).rows()) {
                Map<Integer, String> values = new LinkedHashMap<>();
                for (int c : types.keySet()) {
                    CellValue value = row.cells().get(c);
                    values.put(c, value == null ? "" : value.canonical());
                }
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
                rowIndex.put(unique, row.row());
            }
            tables.add(new TableRows(name, labels, rows, rowIndex));
        }
        return tables;
    }

    private static void table(String file, DecisionTable was, DecisionTable is, List<Change> changes) {
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

    private static void catalog(String file, List<SheetCells> was, List<SheetCells> is, List<Change> changes) {
        for (SheetCells sheet : is) {
            SheetCells old = was.stream().filter(s -> s.name().equals(sheet.name())).findFirst().orElse(null);
            if (old == null) {
                changes.add(new Change(file, sheet.name(), "ADDED", sheet.name(), null, null, null, null, null));
                continue;
            }
            compare(file, sheet.name(), headings(old), headings(sheet), entries(old), entries(sheet), rowIndex(sheet), changes);
        }
        for (SheetCells old : was) {
            if (is.stream().noneMatch(s -> s.name().equals(old.name()))) {
                changes.add(new Change(file, old.name(), "REMOVED", old.name(), null, null, null, null, null));
            }
        }
    }

    /** The Chinese heading (row 2) of each catalog column, else its key (row 1). */
    private static Map<Integer, String> headings(SheetCells sheet) {
        Map<Integer, String> headings = new LinkedHashMap<>();
        sheet.row(0).forEach((c, key) -> {
            String heading = sheet.text(1, c);
            headings.put(c, heading.isEmpty() ? key.canonical() : heading);
        });
        return headings;
    }

    private static Map<String, Map<Integer, String>> entries(SheetCells sheet) {
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

    private static Map<String, Integer> rowIndex(SheetCells sheet) {
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
                            row == null ? null : new CellReference(row, c).formatAsString(), null));
                }
            }
        }
    }

    private static Map<String, String> labelled(Map<Integer, String> labels, Map<Integer, String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        values.forEach((c, v) -> {
            if (!v.isEmpty()) row.put(labels.getOrDefault(c, CellReference.convertNumToColString(c)), v);
        });
        return row;
    }

    /** A DRL rule as the diff compares it: its name and its source with blank lines and indentation dropped. */
    private record DrlRule(String name, String body) {
    }

    /**
     * The rules of a DRL file read by Drools' own parser, keyed by their {@code @ruleId}, or by their name where
     * several rules share an id (a ground of the law may take more than one rule) or where a rule has none.
     */
    private static Map<String, DrlRule> rules(PolicyFile file) throws Incomparable {
        String drl = file.text();
        DrlParser parser = new DrlParser();
        PackageDescr parsed;
        try {
            parsed = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            throw new Incomparable("DRL 无法解析 (the DRL does not parse): " + e.getMessage());
        }
        if (parser.hasErrors() || parsed == null) {
            throw new Incomparable("DRL 无法解析 (the DRL does not parse): " + parser.getErrors());
        }
        List<RuleDescr> rules = parsed.getRules().stream().filter(r -> !r.isQuery()).toList();
        Map<String, Long> sharing = rules.stream().map(PolicyDiff::ruleId).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        Map<String, DrlRule> byKey = new LinkedHashMap<>();
        for (RuleDescr rule : rules) {
            String id = ruleId(rule);
            String key = id != null && sharing.get(id) == 1 ? id : rule.getName();
            String source = drl.substring(rule.getStartCharacter(), Math.min(drl.length(), rule.getEndCharacter() + 1));
            String body = source.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
            byKey.put(key, new DrlRule(rule.getName(), body));
        }
        return byKey;
    }

    private static String ruleId(RuleDescr rule) {
        AnnotationDescr id = rule.getAnnotation("ruleId");
        return id == null ? null : AnnotationDescr.unquote(id.getSingleValueAsString());
    }

    private static void drl(String file, Map<String, DrlRule> old, Map<String, DrlRule> now, List<Change> changes) {
        old.forEach((id, rule) -> {
            if (!now.containsKey(id)) changes.add(new Change(file, null, "REMOVED", id, "rule", rule.name(), null, null, null));
        });
        now.forEach((id, rule) -> {
            DrlRule before = old.get(id);
            if (before == null) changes.add(new Change(file, null, "ADDED", id, "rule", null, rule.name(), null, null));
            else if (!before.body().equals(rule.body())) {
                changes.add(new Change(file, null, "CHANGED", id, "rule", before.name(), rule.name(), null, null));
            }
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
