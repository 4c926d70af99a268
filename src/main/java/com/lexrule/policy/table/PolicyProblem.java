package com.lexrule.policy.table;

import org.apache.poi.ss.util.CellReference;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a policy, placed where an officer can find it: the file, and for a spreadsheet the
 * sheet, the row and the cell (e.g. {@code E12}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyProblem(String file, String sheet, Integer row, String cell, Integer line, String message) {

    public static PolicyProblem ofFile(String file, String message) {
        return new PolicyProblem(file, null, null, null, null, message);
    }

    public static PolicyProblem ofLine(String file, int line, String message) {
        return new PolicyProblem(file, null, null, null, line > 0 ? line : null, message);
    }

    /** At a cell named as the officer's spreadsheet names it ("E12"), or on the sheet as a whole when null. */
    public static PolicyProblem ofCell(String file, String sheet, String cell, String message) {
        Integer row = cell == null ? null : new CellReference(cell).getRow() + 1;
        return new PolicyProblem(file, sheet, row == null || row < 1 ? null : row, cell, null, message);
    }

    /** At the cell of a zero-based row and column. */
    public static PolicyProblem ofCell(String file, String sheet, int row, int column, String message) {
        return ofCell(file, sheet, new CellReference(row, column).formatAsString(), message);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (sheet != null) where.append(", sheet ").append(sheet);
        if (cell != null) where.append(", cell ").append(cell);
        if (line != null) where.append(", line ").append(line);
        return where + ": " + message;
    }
}
