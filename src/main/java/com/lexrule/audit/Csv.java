package com.lexrule.audit;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 rows that Excel and WPS open safely: quoted where needed, formulas neutralised. */
final class Csv {
    static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    static void row(Writer writer, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) writer.write(',');
            writer.write(cell(cells[i]));
        }
        writer.write("\r\n");
    }

    static String cell(String value) {
        if (value == null) return "";
        String text = value;
        // A cell starting with = + - @, or with a tab or carriage return that a spreadsheet skips before reading the
        // formula behind it, would run as a formula when opened (OWASP, CSV injection).
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
