package com.lexrule.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.lexrule.policy.table.CellValue;

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

    static PolicyCatalog read(PolicyFile file) {
        List<PolicyProblem> problems = new ArrayList<>();
        Map<String, Map<String, Entry>> catalogs = new LinkedHashMap<>();
        Map<String, List<String>> sheetKeys = new LinkedHashMap<>();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
            for (Sheet sheet : workbook) {
                CellText formatter = cell -> text(file, sheet, cell, problems);
                Row keys = sheet.getRow(0);
                if (keys == null) {
                    continue;
                }
                List<String> columns = new ArrayList<>();
                for (int c = 0; c < keys.getLastCellNum(); c++) {
                    Cell cell = keys.getCell(c);
                    columns.add(formatter.of(cell));
                }
                if (columns.size() < 2 || !"code".equals(columns.get(0)) || !"label".equals(columns.get(1))) {
                    problems.add(PolicyProblem.ofCell(file.name(), sheet.getSheetName(), "A1",
                            "目录表第1行须以 code、label 开头 (row 1 must start with the keys code, label)"));
                    continue;
                }
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (int r = 2; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    if (row == null) continue;
                    String code = formatter.of(row.getCell(0));
                    String label = formatter.of(row.getCell(1));
                    if (code.isEmpty() && label.isEmpty()) continue;
                    if (!code.matches("[A-Z0-9_]+")) {
                        problems.add(PolicyProblem.ofCell(file.name(), sheet.getSheetName(), CellName.of(r, 0),
                                "代码须为大写英文字母、数字和下划线 (codes are upper-case letters, digits and _): '" + code + "'"));
                        continue;
                    }
                    if (label.isEmpty()) {
                        problems.add(PolicyProblem.ofCell(file.name(), sheet.getSheetName(), CellName.of(r, 1),
                                "代码 " + code + " 缺少中文名称 (label missing)"));
                    }
                    if (entries.containsKey(code)) {
                        problems.add(PolicyProblem.ofCell(file.name(), sheet.getSheetName(), CellName.of(r, 0),
                                "代码 " + code + " 重复 (duplicate code)"));
                    }
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int c = 2; c < columns.size(); c++) {
                        if (!columns.get(c).isEmpty()) {
                            attributes.put(columns.get(c), formatter.of(row.getCell(c)));
                        }
                    }
                    entries.put(code, new Entry(code, label, Map.copyOf(attributes), r + 1));
                }
                catalogs.put(sheet.getSheetName(), java.util.Collections.unmodifiableMap(entries));
                sheetKeys.put(sheet.getSheetName(), List.copyOf(columns));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(PolicyProblem.ofFile(file.name(), "无法读取代码目录 (catalog workbook unreadable): " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(null, problems);
        }
        return new PolicyCatalog(java.util.Collections.unmodifiableMap(catalogs), java.util.Collections.unmodifiableMap(sheetKeys));
    }

    private interface CellText {
        String of(Cell cell);
    }

    /** A cell's stored value as text: never its displayed format, which a custom number format can make anything. */
    private static String text(PolicyFile file, Sheet sheet, Cell cell, List<PolicyProblem> problems) {
        try {
            CellValue value = CellValue.of(cell);
            return value == null ? "" : value.canonical();
        } catch (CellValue.Refused e) {
            problems.add(PolicyProblem.ofCell(file.name(), sheet.getSheetName(), CellName.of(cell.getRowIndex(), cell.getColumnIndex()), e.getMessage()));
            return "";
        }
    }
}
