package com.lexrule.audit;

import java.io.IOException;

import org.apache.commons.csv.CSVFormat;

/** RFC 4180 rows, written by Apache Commons CSV, that Excel and WPS open safely: formulas neutralised first. */
final class Csv {
    static final String FORMULA_STARTS = "=+-@\t\r";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private Csv() {
    }

    static void row(Appendable out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            FORMAT.print(guarded(cells[i]), out, i == 0);
        }
        FORMAT.println(out);
    }

    /** One cell as it stands in a row: guarded, then quoted where RFC 4180 needs it. */
    static String cell(String value) {
        StringBuilder out = new StringBuilder();
        try {
            FORMAT.print(guarded(value), out, false);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringBuilder does not fail
        }
        return out.substring(1); // the delimiter a cell after the first one is printed with
    }

    /**
     * A cell starting with = + - @, or with a tab or carriage return that a spreadsheet skips before reading the
     * formula behind it, would run as a formula when opened (OWASP, CSV injection): it is prefixed with a quote.
     */
    private static String guarded(String value) {
        if (value == null || value.isEmpty()) return "";
        return FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
