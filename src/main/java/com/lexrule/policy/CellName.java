package com.lexrule.policy;

/** Spreadsheet cell names ("E12") as officers read them, from and to zero-based indexes. */
public final class CellName {
    private CellName() {
    }

    public static String of(int rowIndex, int columnIndex) {
        return column(columnIndex) + (rowIndex + 1);
    }

    public static String column(int columnIndex) {
        StringBuilder name = new StringBuilder();
        int n = columnIndex + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            name.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return name.toString();
    }

    /** The one-based row number of a cell name, or null when it has none. */
    public static Integer row(String cell) {
        if (cell == null) return null;
        String digits = cell.replaceAll("^[A-Z]+", "");
        return digits.isEmpty() ? null : Integer.valueOf(digits);
    }

    /** The zero-based column index of a cell name. */
    public static int columnIndex(String cell) {
        int index = 0;
        for (char c : cell.toCharArray()) {
            if (c < 'A' || c > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }
}
