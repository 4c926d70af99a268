package com.lexrule.policy.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;


/**
 * Reads the data rows of a workbook against a published template. Header cells must read as the template's
 * (a changed header would change what a column means, so it is refused, naming the cell); every data cell is read
 * as its stored value and checked against its column; anything outside the tables' data rows is refused.
 */
public final class TableReader {

    /** The table read, or the problems found, each by sheet and cell. */
    public record Result(DecisionTable table, List<PolicyProblem> problems) {
    }

    private TableReader() {
    }

    public static Result read(String file, SheetCells sheet, TableTemplate template) {
        List<PolicyProblem> problems = new ArrayList<>();
        sheet.refused().forEach((cell, reason) -> problems.add(PolicyProblem.ofCell(file, sheet.name(), cell, reason)));
        if (!template.sheetName().equals(sheet.name())) {
            problems.add(PolicyProblem.ofCell(file, sheet.name(), null, "第一个工作表须为已发布模板的 '" + template.sheetName()
                    + "' (the first sheet, the one compiled, must be the published '" + template.sheetName() + "')"));
            return new Result(null, problems);
        }
        List<Integer> tableRows = sheet.ruleTableRows();
        if (tableRows.size() != template.tables().size()) {
            int extra = tableRows.size() > template.tables().size() ? tableRows.get(template.tables().size()) : -1;
            String message = "决策表数量须与已发布模板相同（" + template.tables().size() + " 个 RuleTable），实际 " + tableRows.size()
                    + " 个 (RuleTables may not be added or removed)";
            problems.add(extra >= 0 ? PolicyProblem.ofCell(file, sheet.name(), extra, sheet.row(extra).firstKey(), message)
                    : PolicyProblem.ofCell(file, sheet.name(), null, message));
            return new Result(null, problems);
        }
        int first = tableRows.isEmpty() ? sheet.lastRow() + 1 : tableRows.get(0);
        for (int r = 0; r < Math.max(first, template.ruleSetRows()); r++) {
            compare(file, sheet, r, template.ruleSetArea().getOrDefault(r, new TreeMap<>()), "RuleSet 区域（规则集、导入、说明等）", problems);
        }
        List<DecisionTable.Part> parts = new ArrayList<>();
        for (int t = 0; t < tableRows.size(); t++) {
            int at = tableRows.get(t);
            TableTemplate.Header header = template.tables().get(t);
            for (int r = 0; r < TableTemplate.HEADER_ROWS; r++) {
                compare(file, sheet, at + r, header.rows().get(r), "决策表表头（RuleTable、列类型、对象、代码模板、列名）", problems);
            }
            int end = t + 1 < tableRows.size() ? tableRows.get(t + 1) : sheet.lastRow() + 1;
            parts.add(new DecisionTable.Part(at, data(file, sheet, header, at + TableTemplate.HEADER_ROWS, end, problems)));
        }
        return problems.isEmpty() ? new Result(new DecisionTable(template, List.copyOf(parts)), List.of()) : new Result(null, problems);
    }

    private static void compare(String file, SheetCells sheet, int row, Map<Integer, String> expected, String area,
                                List<PolicyProblem> problems) {
        Set<Integer> columns = new TreeSet<>(expected.keySet());
        columns.addAll(sheet.row(row).keySet());
        for (int c : columns) {
            String want = expected.getOrDefault(c, "");
            String got = sheet.text(row, c);
            if (!want.equals(got)) {
                problems.add(PolicyProblem.ofCell(file, sheet.name(), row, c, area + "不得修改：模板为 '" + want
                        + "'，上传为 '" + got + "' (header cells are code and must equal the published template)"));
            }
        }
    }

    private static List<DecisionTable.DataRow> data(String file, SheetCells sheet, TableTemplate.Header header, int from,
                                                    int end, List<PolicyProblem> problems) {
        List<DecisionTable.DataRow> rows = new ArrayList<>();
        boolean ended = false;
        for (int r = from; r < end; r++) {
            if (sheet.blank(r)) {
                ended = true;
                continue;
            }
            NavigableMap<Integer, CellValue> values = new TreeMap<>();
            for (var cell : sheet.row(r).entrySet()) {
                int c = cell.getKey();
                if (ended) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), r, c, "空行之后、下一个 RuleTable 之前不得有内容：空行结束决策表，"
                            + "其后的单元格会被当作规则集指令 (nothing may follow the blank row that ends a table)"));
                    continue;
                }
                ColumnSpec column = header.columns().get(cell.getKey());
                if (column == null) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), r, c, "单元格在决策表各列之外 (cell outside the table's columns)"));
                    continue;
                }
                try {
                    values.put(cell.getKey(), column.accept(cell.getValue()));
                } catch (CellValue.Refused e) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), r, c, e.getMessage() + ": " + cell.getValue().canonical()));
                }
            }
            if (!values.isEmpty()) rows.add(new DecisionTable.DataRow(r, values));
        }
        return List.copyOf(rows);
    }
}
