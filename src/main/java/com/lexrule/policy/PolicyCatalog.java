package com.lexrule.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.table.SheetCells;
import com.lexrule.policy.table.Spreadsheet;
import com.lexrule.policy.table.PolicyProblem;

/**
 * The codes a policy knows and their Chinese labels (crime types, danger indicators, mitigations...), kept in a
 * workbook beside the decision tables so that a new code is a policy edit, not a release. One sheet per catalog:
 * row 1 holds the attribute keys ({@code code}, {@code label}, then any others such as
 * {@code maxPenalty}), row 2 their Chinese headings for people, and every row below one entry.
 */
public final class PolicyCatalog {

    /** One code with its label, the other attributes its sheet gives, and its (one-based) row in the sheet. */
    public record Entry(String code, String label, Map<String, String> attributes, int row) {
        public Optional<String> attribute(String key) {
            return Optional.ofNullable(attributes.get(key)).filter(v -> !v.isBlank());
        }
    }

    private final Map<String, Map<String, Entry>> catalogs;
    private final Map<String, List<String>> keys;

    private PolicyCatalog(Map<String, Map<String, Entry>> catalogs, Map<String, List<String>> keys) {
        this.catalogs = catalogs;
        this.keys = keys;
    }

    public static PolicyCatalog empty() {
        return new PolicyCatalog(Map.of(), Map.of());
    }

    /** The zero-based column of an attribute key in a sheet's row 1, or -1: for problems that name the cell. */
    public int column(String catalog, String key) {
        return keys.getOrDefault(catalog, List.of()).indexOf(key);
    }

    public boolean has(String catalog) {
        return catalogs.containsKey(catalog);
    }

    public Map<String, Entry> entries(String catalog) {
        return catalogs.getOrDefault(catalog, Map.of());
    }

    public Optional<Entry> entry(String catalog, String code) {
        return Optional.ofNullable(entries(catalog).get(code));
    }

    public Map<String, Map<String, Entry>> all() {
        return catalogs;
    }

    /** Reads the catalog from the file's table model (the stored values of each sheet), read once with the file. */
    static PolicyCatalog read(PolicyFile file) {
        Spreadsheet spreadsheet = file.spreadsheet();
        if (spreadsheet.unreadable().isPresent()) {
            throw new PolicyCompilationException(null, List.of(PolicyProblem.ofFile(file.name(),
                    "无法读取代码目录 (catalog workbook unreadable): " + spreadsheet.unreadable().get())));
        }
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, Map<String, Entry>> catalogs = new LinkedHashMap<>();
        Map<String, List<String>> sheetKeys = new LinkedHashMap<>();
        for (SheetCells sheet : spreadsheet.sheets()) {
            if (sheet.row(0).isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>();
            for (int c = 0; c <= sheet.row(0).lastKey(); c++) {
                columns.add(sheet.text(0, c));
            }
            // A formula or an error where a key, a code or a value is read (row 2 holds headings for people only).
            int read = Math.max(columns.size(), 2);
            sheet.refused().forEach((cell, reason) -> {
                CellReference at = new CellReference(cell);
                if (at.getRow() != 1 && at.getCol() < read) problems.add(PolicyProblem.ofCell(file.name(), sheet.name(), cell, reason));
            });
            if (columns.size() < 2 || !"code".equals(columns.get(0)) || !"label".equals(columns.get(1))) {
                problems.add(PolicyProblem.ofCell(file.name(), sheet.name(), "A1",
                        "目录表第1行须以 code、label 开头 (row 1 must start with the keys code, label)"));
                continue;
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (int r : sheet.rows().tailMap(2).keySet()) {
                String code = sheet.text(r, 0);
                String label = sheet.text(r, 1);
                if (code.isEmpty() && label.isEmpty()) continue;
                if (!code.matches("[A-Z0-9_]+")) {
                    problems.add(PolicyProblem.ofCell(file.name(), sheet.name(), r, 0,
                            "代码须为大写英文字母、数字和下划线 (codes are upper-case letters, digits and _): '" + code + "'"));
                    continue;
                }
                if (label.isEmpty()) {
                    problems.add(PolicyProblem.ofCell(file.name(), sheet.name(), r, 1, "代码 " + code + " 缺少中文名称 (label missing)"));
                }
                if (entries.containsKey(code)) {
                    problems.add(PolicyProblem.ofCell(file.name(), sheet.name(), r, 0, "代码 " + code + " 重复 (duplicate code)"));
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                for (int c = 2; c < columns.size(); c++) {
                    if (!columns.get(c).isEmpty()) {
                        attributes.put(columns.get(c), sheet.text(r, c));
                    }
                }
                entries.put(code, new Entry(code, label, Map.copyOf(attributes), r + 1));
            }
            catalogs.put(sheet.name(), java.util.Collections.unmodifiableMap(entries));
            sheetKeys.put(sheet.name(), List.copyOf(columns));
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(null, problems);
        }
        return new PolicyCatalog(java.util.Collections.unmodifiableMap(catalogs), java.util.Collections.unmodifiableMap(sheetKeys));
    }
}
