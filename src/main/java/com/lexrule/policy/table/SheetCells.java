package com.lexrule.policy.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import com.lexrule.policy.CellName;

/**
 * The stored values of one sheet by zero-based row and column, and the cells refused while reading (formulas,
 * errors), by cell name. Styles, number formats, comments, hyperlinks, validations and names are never read.
 */
public record SheetCells(String name, int lastRow, NavigableMap<Integer, NavigableMap<Integer, CellValue>> rows,
                         Map<String, String> refused) {

    public static SheetCells read(Sheet sheet) {
        NavigableMap<Integer, NavigableMap<Integer, CellValue>> rows = new TreeMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (Row row : sheet) {
            NavigableMap<Integer, CellValue> cells = new TreeMap<>();
            for (Cell cell : row) {
                try {
                    CellValue value = CellValue.of(cell);
                    if (value != null) cells.put(cell.getColumnIndex(), value);
                } catch (CellValue.Refused e) {
                    refused.put(CellName.of(cell.getRowIndex(), cell.getColumnIndex()), e.getMessage());
                }
            }
            if (!cells.isEmpty()) rows.put(row.getRowNum(), cells);
        }
        return new SheetCells(sheet.getSheetName(), sheet.getLastRowNum(), rows, refused);
    }

    public NavigableMap<Integer, CellValue> row(int row) {
        return rows.getOrDefault(row, new TreeMap<>());
    }

    public String text(int row, int column) {
        CellValue value = row(row).get(column);
        return value == null ? "" : value.canonical();
    }

    public boolean blank(int row) {
        return row(row).isEmpty() && refused.keySet().stream().noneMatch(cell -> CellName.row(cell) == row + 1);
    }

    /** Zero-based rows holding a "RuleTable" cell, in order: where Drools starts a table. */
    public List<Integer> ruleTableRows() {
        List<Integer> found = new ArrayList<>();
        for (var row : rows.entrySet()) {
            if (row.getValue().values().stream().anyMatch(SheetCells::startsTable)) found.add(row.getKey());
        }
        return found;
    }

    static boolean startsTable(CellValue value) {
        return value instanceof CellValue.Text text && text.value().toLowerCase(Locale.ROOT).startsWith("ruletable");
    }
}
