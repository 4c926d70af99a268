package com.lexrule.policy.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.lexrule.policy.CellName;
import com.lexrule.policy.table.CellValue;

/**
 * A workbook read for the diff of two versions: per sheet, the stored value of every non-blank cell by zero-based
 * row and column, and whether it was a formula. POI's zip-bomb protections ({@code ZipSecureFile}) stay at their defaults: a
 * workbook that inflates suspiciously is refused while it is opened.
 */
record Grid(List<SheetGrid> sheets) {

    record Value(String text, boolean formula) {
    }

    record SheetGrid(String name, int lastRow, NavigableMap<Integer, NavigableMap<Integer, Value>> rows) {

        String text(int row, int column) {
            Value value = rows.getOrDefault(row, new TreeMap<>()).get(column);
            return value == null ? "" : value.text();
        }

        Map<Integer, Value> row(int row) {
            return rows.getOrDefault(row, new TreeMap<>());
        }

        boolean blank(int row) {
            return row(row).isEmpty();
        }

        /** Zero-based rows holding a "RuleTable" cell, in order. */
        List<Integer> ruleTableRows() {
            List<Integer> found = new ArrayList<>();
            for (var row : rows.entrySet()) {
                if (row.getValue().values().stream().anyMatch(v -> v.text().toLowerCase(Locale.ROOT).startsWith("ruletable"))) {
                    found.add(row.getKey());
                }
            }
            return found;
        }

        /** The column of the RuleTable cell in a row, or -1. */
        int ruleTableColumn(int row) {
            for (var cell : row(row).entrySet()) {
                if (cell.getValue().text().toLowerCase(Locale.ROOT).startsWith("ruletable")) return cell.getKey();
            }
            return -1;
        }
    }

    /** Thrown when the bytes are not a readable .xlsx workbook, including one refused as a zip bomb. */
    static final class Unreadable extends Exception {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Grid read(byte[] xlsx) throws Unreadable {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            if (!(workbook instanceof XSSFWorkbook)) {
                throw new Unreadable("不是 .xlsx 工作簿 (only .xlsx workbooks are accepted)", null);
            }
            List<SheetGrid> sheets = new ArrayList<>();
            for (Sheet sheet : workbook) {
                NavigableMap<Integer, NavigableMap<Integer, Value>> rows = new TreeMap<>();
                for (Row row : sheet) {
                    NavigableMap<Integer, Value> cells = new TreeMap<>();
                    for (Cell cell : row) {
                        boolean formula = cell.getCellType() == CellType.FORMULA;
                        String text = formula ? "=" + cell.getCellFormula() : stored(cell);
                        if (!text.isEmpty()) {
                            cells.put(cell.getColumnIndex(), new Value(text, formula));
                        }
                    }
                    if (!cells.isEmpty()) rows.put(row.getRowNum(), cells);
                }
                sheets.add(new SheetGrid(sheet.getSheetName(), sheet.getLastRowNum(), rows));
            }
            return new Grid(List.copyOf(sheets));
        } catch (Unreadable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("无法读取电子表格，或被压缩炸弹防护拒绝 (unreadable workbook, or refused by zip-bomb protection): "
                    + e.getMessage(), e);
        }
    }

    /** The value the cell stores, as the table model reads it, never the text its number format displays. */
    private static String stored(Cell cell) {
        try {
            CellValue value = CellValue.of(cell);
            return value == null ? "" : value.canonical();
        } catch (CellValue.Refused e) {
            return "#" + e.getMessage();
        }
    }

    static String cell(int row, int column) {
        return CellName.of(row, column);
    }
}
