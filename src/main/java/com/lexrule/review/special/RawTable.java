package com.lexrule.review.special;

import java.util.List;
import java.util.Map;

/**
 * An uploaded sheet as text: every row that has a non-blank cell, with its one-based row number as the officer's
 * spreadsheet shows it (for a CSV file, the record number), and its cells by zero-based column.
 */
record RawTable(List<RawRow> rows) {

    record RawRow(int number, Map<Integer, String> cells) {
        String cell(int column) {
            String value = cells.get(column);
            return value == null ? "" : value;
        }
    }
}
