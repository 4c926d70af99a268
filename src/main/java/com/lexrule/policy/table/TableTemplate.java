package com.lexrule.policy.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.poi.ss.util.CellRangeAddress;

/**
 * The code of a decision table, which the service owns: the RuleSet area above the first RuleTable (package,
 * imports, notes) and each RuleTable's five header rows (the RuleTable row, the column types, the object types,
 * the code templates and the labels), with their merged cells. It is read from a published version, never from an
 * upload: an officer's workbook supplies data rows only.
 */
public record TableTemplate(String sheetName, NavigableMap<Integer, NavigableMap<Integer, String>> ruleSetArea,
                            int ruleSetRows, List<Header> tables, Map<Integer, Integer> columnWidths) {

    public static final int HEADER_ROWS = 5;

    /** One RuleTable's header: five rows of text, its merges (rows relative to the RuleTable row), its columns. */
    public record Header(List<NavigableMap<Integer, String>> rows, List<CellRangeAddress> merges,
                         NavigableMap<Integer, ColumnSpec> columns) {

        /** The column of the RuleTable cell: where Drools places each rule's row ("rule values at B9"). */
        public int ruleTableColumn() {
            return rows.get(0).entrySet().stream().filter(t -> t.getValue().toLowerCase(Locale.ROOT).startsWith("ruletable"))
                    .map(Map.Entry::getKey).findFirst().orElse(0);
        }

        public String name() {
            return rows.get(0).values().stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith("ruletable"))
                    .findFirst().orElse("RuleTable");
        }
    }

    /** Reads the template of a trusted workbook's first sheet (a published version or the baseline on disk). */
    static TableTemplate of(SheetCells cells) {
        if (!cells.refused().isEmpty()) {
            throw new IllegalStateException("published table holds formulas or errors at " + cells.refused().keySet());
        }
        List<Integer> tableRows = cells.ruleTableRows();
        int first = tableRows.isEmpty() ? cells.lastRow() + 1 : tableRows.get(0);
        NavigableMap<Integer, NavigableMap<Integer, String>> ruleSet = new TreeMap<>();
        for (int r = 0; r < first; r++) {
            NavigableMap<Integer, String> row = texts(cells, r);
            if (!row.isEmpty()) ruleSet.put(r, row);
        }
        List<Header> headers = new ArrayList<>();
        for (int tableRow : tableRows) {
            List<NavigableMap<Integer, String>> rows = new ArrayList<>();
            for (int r = 0; r < HEADER_ROWS; r++) rows.add(texts(cells, tableRow + r));
            List<CellRangeAddress> merges = new ArrayList<>();
            for (CellRangeAddress merge : cells.merges()) {
                if (merge.getFirstRow() >= tableRow && merge.getLastRow() < tableRow + HEADER_ROWS) {
                    merges.add(new CellRangeAddress(merge.getFirstRow() - tableRow, merge.getLastRow() - tableRow,
                            merge.getFirstColumn(), merge.getLastColumn()));
                }
            }
            NavigableMap<Integer, ColumnSpec> columns = new TreeMap<>();
            for (var type : rows.get(1).entrySet()) {
                int c = type.getKey();
                columns.put(c, ColumnSpec.of(c, type.getValue(), rows.get(3).get(c), rows.get(4).getOrDefault(c, "")));
            }
            headers.add(new Header(List.copyOf(rows), List.copyOf(merges), columns));
        }
        Map<Integer, Integer> widths = new TreeMap<>();
        int lastColumn = headers.stream().mapToInt(h -> h.columns().isEmpty() ? 0 : h.columns().lastKey()).max().orElse(8);
        cells.columnWidths().forEach((c, width) -> {
            if (c <= lastColumn) widths.put(c, width);
        });
        return new TableTemplate(cells.name(), ruleSet, first, List.copyOf(headers), widths);
    }

    private static NavigableMap<Integer, String> texts(SheetCells cells, int row) {
        NavigableMap<Integer, String> texts = new TreeMap<>();
        cells.row(row).forEach((c, v) -> texts.put(c, v.canonical()));
        return texts;
    }
}
