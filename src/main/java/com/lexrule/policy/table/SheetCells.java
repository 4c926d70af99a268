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
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * The stored values of one sheet by zero-based row and column, and the cells refused while reading (formulas,
 * errors), by cell name; with the sheet's merged cells and column widths, the layout a template keeps. Styles,
 * number formats, comments, hyperlinks, validations and names are never read.
 */
public record SheetCells(String name, int lastRow, NavigableMap<Integer, NavigableMap<Integer, CellValue>> rows,
                         Map<String, String> refused, List<CellRangeAddress> merges, Map<Integer, Integer> columnWidths) {

    /** Columns whose widths are kept at least: a table's columns, or the catalogs' first seven. */
    private static final int WIDTHS_KEPT = 9;

    public static SheetCells read(Sheet sheet) {
        NavigableMap<Integer, NavigableMap<Integer, CellValue>> rows = new TreeMap<>();
        Map<String, String> refused = new LinkedHashMap<>();
        int lastColumn = WIDTHS_KEPT - 1;
        for (Row row : sheet) {
            NavigableMap<Integer, CellValue> cells = new TreeMap<>();
            for (Cell cell : row) {
                try {
                    CellValue value = CellValue.of(cell);
                    if (value != null) cells.put(cell.getColumnIndex(), value);
                } catch (CellValue.Refused e) {
                    refused.put(new CellReference(cell).formatAsString(false), e.getMessage());
                }
            }
            if (!cells.isEmpty()) {
                rows.put(row.getRowNum(), cells);
                lastColumn = Math.max(lastColumn, cells.lastKey());
            }
        }
        Map<Integer, Integer> widths = new TreeMap<>();
        for (int c = 0; c <= lastColumn; c++) widths.put(c, sheet.getColumnWidth(c));
        return new SheetCells(sheet.getSheetName(), sheet.getLastRowNum(), rows, refused,
                List.copyOf(sheet.getMergedRegions()), widths);
    }

    public NavigableMap<Integer, CellValue> row(int row) {
        return rows.getOrDefault(row, new TreeMap<>());
    }

    public String text(int row, int column) {
        CellValue value = row(row).get(column);
        return value == null ? "" : value.canonical();
    }

    public boolean blank(int row) {
        return row(row).isEmpty() && refused.keySet().stream().noneMatch(cell -> new CellReference(cell).getRow() == row);
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
