package com.lexrule.review.special;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV uploads as RFC 4180 with Apache Commons CSV: comma-separated fields, optionally in double quotes, a quote
 * inside a quoted field doubled, quoted fields may hold commas and line breaks; records end with CRLF or LF. A quote
 * inside an unquoted field is kept as a character, as Excel does; text after a closing quote is refused. The file
 * must be UTF-8, with or without a byte-order mark (as Excel and WPS write "CSV UTF-8"); anything else is refused
 * rather than guessed.
 */
final class CsvCaseReader {

    /**
     * Blank lines are read as records, not skipped, so that record numbers stay those of the spreadsheet the officer
     * saved (a blank row is a row there); they hold no cell and are dropped below.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

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
        List<RawTable.RawRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(decode(content), FORMAT)) {
            try {
                for (CSVRecord record : parser) {
                    Map<Integer, String> cells = new TreeMap<>();
                    for (int column = 0; column < record.size(); column++) {
                        String value = record.get(column).strip();
                        if (!value.isEmpty()) cells.put(column, value);
                    }
                    if (cells.isEmpty()) continue;
                    rows.add(new RawTable.RawRow(Math.toIntExact(record.getRecordNumber()), cells));
                    if (rows.size() > maxRows) {
                        throw new XlsxCaseReader.TooManyRows();
                    }
                }
            } catch (UncheckedIOException e) {
                // An unterminated quote, or text after a closing one: the record after the last one read.
                throw new MalformedCsv(Math.toIntExact(parser.getRecordNumber() + 1),
                        "CSV 格式错误：引号未闭合，或闭合引号后紧跟其他字符 (malformed CSV: " + e.getCause().getMessage() + ")");
            }
        } catch (IOException e) {
            throw new MalformedCsv(0, "CSV 文件无法读取 (unreadable CSV): " + e.getMessage());
        }
        return new RawTable(List.copyOf(rows));
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
