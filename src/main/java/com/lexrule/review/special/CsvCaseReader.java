package com.lexrule.review.special;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An RFC 4180 reader for CSV uploads (no CSV library is on the classpath, and the format is small enough to read
 * exactly): comma-separated fields, optionally in double quotes, a quote inside a quoted field doubled, quoted
 * fields may hold commas and line breaks; records end with CRLF or LF. The file must be UTF-8, with or without a
 * byte-order mark (as Excel and WPS write "CSV UTF-8"); anything else is refused rather than guessed. A quote inside
 * an unquoted field is kept as a character, as Excel does.
 */
final class CsvCaseReader {

    /** The file is not readable CSV; {@code record} is the one-based record where reading stopped. */
    static final class MalformedCsv extends Exception {
        final int record;

        MalformedCsv(int record, String message) {
            super(message);
            this.record = record;
        }
    }

    private CsvCaseReader() {
    }

    static RawTable read(byte[] content, int maxRows) throws MalformedCsv {
        String text = decode(content);
        List<RawTable.RawRow> rows = new ArrayList<>();
        int record = 1;
        int i = 0;
        int n = text.length();
        Map<Integer, String> cells = new TreeMap<>();
        int column = 0;
        StringBuilder field = new StringBuilder();
        boolean atFieldStart = true;
        while (i <= n) {
            if (i == n) {
                // end of input: close the last record unless the file ended with a line break
                if (!atFieldStart || column > 0 || field.length() > 0) {
                    put(cells, column, field);
                }
                if (!cells.isEmpty()) {
                    add(rows, record, cells, maxRows);
                }
                break;
            }
            char c = text.charAt(i);
            if (atFieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedCsv(record, "引号未闭合 (unterminated quoted field)");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    throw new MalformedCsv(record, "第 " + (column + 1) + " 列引号后应为逗号或换行 (text after a closing quote in column "
                            + (column + 1) + ")");
                }
                atFieldStart = false;
                continue;
            }
            if (c == ',') {
                put(cells, column, field);
                column++;
                atFieldStart = true;
                i++;
            } else if (c == '\r' || c == '\n') {
                put(cells, column, field);
                if (!cells.isEmpty()) {
                    add(rows, record, cells, maxRows);
                }
                cells = new TreeMap<>();
                column = 0;
                atFieldStart = true;
                record++;
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                if (i == n) {
                    break;
                }
            } else {
                field.append(c);
                atFieldStart = false;
                i++;
            }
        }
        return new RawTable(List.copyOf(rows));
    }

    private static void put(Map<Integer, String> cells, int column, StringBuilder field) {
        String value = field.toString().strip();
        if (!value.isEmpty()) {
            cells.put(column, value);
        }
        field.setLength(0);
    }

    private static void add(List<RawTable.RawRow> rows, int record, Map<Integer, String> cells, int maxRows) {
        rows.add(new RawTable.RawRow(record, cells));
        if (rows.size() > maxRows) {
            throw new XlsxCaseReader.TooManyRows();
        }
    }

    private static String decode(byte[] content) throws MalformedCsv {
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, start, content.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCsv(0, "CSV 文件须为 UTF-8 编码（Excel/WPS：另存为“CSV UTF-8”） (CSV must be UTF-8)");
        }
    }
}
