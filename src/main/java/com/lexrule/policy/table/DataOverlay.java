package com.lexrule.policy.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.table.PolicyProblem;

/**
 * Data cells laid over a published decision table: the RuleSet area and every RuleTable's header rows come from the
 * published version, only the cells of its data rows from the officer (typed in the console's grid). The result is
 * read against the published template exactly as an uploaded workbook is ({@link TableReader}), so a value the
 * column does not take is refused at its cell, and what is stored is the service-written workbook, never the edit.
 */
public final class DataOverlay {

    /** The table with the edits applied, written afresh as the service stores it, or every problem, each at its cell. */
    public record Result(DecisionTable table, byte[] workbook, List<PolicyProblem> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    private DataOverlay() {
    }

    /**
     * Applies edits, cell name ("E12") to the text typed (blank clears the cell), to the published table. A cell in
     * the RuleSet area or a header row is refused ("模板行不可编辑"): the template is code, owned by the service.
     */
    public static Result apply(String file, Spreadsheet published, Map<String, String> edits) {
        SheetCells sheet = published.sheets().get(0);
        TableTemplate template = published.template();
        List<PolicyProblem> problems = new ArrayList<>();
        NavigableMap<Integer, NavigableMap<Integer, CellValue>> rows = new TreeMap<>();
        sheet.rows().forEach((r, cells) -> rows.put(r, new TreeMap<>(cells)));
        for (Map.Entry<String, String> edit : edits.entrySet()) {
            CellReference at;
            try {
                at = new CellReference(edit.getKey());
            } catch (IllegalArgumentException e) {
                problems.add(PolicyProblem.ofCell(file, sheet.name(), null, "单元格名称无效 (not a cell name): " + edit.getKey()));
                continue;
            }
            int row = at.getRow();
            int column = at.getCol();
            if (row < 0 || column < 0) {
                problems.add(PolicyProblem.ofCell(file, sheet.name(), null, "单元格名称无效 (not a cell name): " + edit.getKey()));
                continue;
            }
            String cell = new CellReference(row, column).formatAsString();
            if (!isDataCell(published, row, column)) {
                problems.add(PolicyProblem.ofCell(file, sheet.name(), cell,
                        "模板行与表头不可编辑：只能修改数据行中各列的取值 (template and header cells are code; only data cells may change)"));
                continue;
            }
            String text = edit.getValue() == null ? "" : edit.getValue().strip();
            NavigableMap<Integer, CellValue> cells = rows.computeIfAbsent(row, r -> new TreeMap<>());
            if (text.isEmpty()) cells.remove(column);
            else cells.put(column, new CellValue.Text(text));
        }
        if (!problems.isEmpty()) return new Result(null, null, problems);
        SheetCells edited = new SheetCells(sheet.name(), sheet.lastRow(), rows, sheet.refused(), sheet.merges(), sheet.columnWidths());
        TableReader.Result read = TableReader.read(file, edited, template);
        if (!read.problems().isEmpty()) return new Result(null, null, read.problems());
        return new Result(read.table(), read.table().workbook(), List.of());
    }

    /** Whether the zero-based cell lies in one of the published table's data rows, within its RuleTable's columns. */
    public static boolean isDataCell(Spreadsheet published, int row, int column) {
        DecisionTable table = published.decisionTable().table();
        if (table == null) return false;
        for (int t = 0; t < table.parts().size(); t++) {
            DecisionTable.Part part = table.parts().get(t);
            TableTemplate.Header header = table.template().tables().get(t);
            boolean inRows = part.rows().stream().anyMatch(r -> r.row() == row);
            if (inRows) return header.columns().containsKey(column);
        }
        return false;
    }

    /** The column of the published table a data cell belongs to, for its label and the kind of value it takes. */
    public static ColumnSpec column(Spreadsheet published, int row, int column) {
        DecisionTable table = published.decisionTable().table();
        for (int t = table.parts().size() - 1; t >= 0; t--) {
            if (table.parts().get(t).headerRow() < row) return table.template().tables().get(t).columns().get(column);
        }
        return null;
    }
}
