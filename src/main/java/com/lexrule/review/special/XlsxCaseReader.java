package com.lexrule.review.special;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

import com.lexrule.upload.SpreadsheetUpload;

/**
 * Reads the sheet 案件 (else the first sheet) of an .xlsx upload. The workbook is opened through
 * {@link SpreadsheetUpload} (a temp file, macros refused, every part bounded as it inflates) and the sheet streamed
 * through POI's SAX event model, so the rows held are the rows read, and the row limit stops the read at the first
 * row over it. Cells are read as an officer sees them (DataFormatter): 35 not 35.0, TRUE for a boolean cell, a
 * formula's cached result.
 */
final class XlsxCaseReader {

    /** Thrown to stop reading once the sheet holds more non-blank rows than allowed. */
    static final class TooManyRows extends RuntimeException {
        TooManyRows() {
            super(null, null, false, false);
        }
    }

    private XlsxCaseReader() {
    }

    static RawTable read(byte[] content, int maxRows, SpreadsheetUpload.Limits limits) throws IOException {
        try (SpreadsheetUpload upload = SpreadsheetUpload.open(new ByteArrayInputStream(content), limits)) {
            List<String> names = upload.sheetNames();
            if (names.isEmpty()) {
                return new RawTable(List.of());
            }
            // the template's sheet 案件 wherever the officer moved it, else the first sheet
            int chosen = 0;
            for (int i = 0; i < names.size(); i++) {
                if (ReviewTemplate.CASES_SHEET.equals(names.get(i).strip())) {
                    chosen = i;
                    break;
                }
            }
            List<RawTable.RawRow> rows = new ArrayList<>();
            upload.readSheet(chosen, new Collector(rows, maxRows), new DataFormatter(Locale.ROOT));
            return new RawTable(List.copyOf(rows));
        }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final List<RawTable.RawRow> rows;
        private final int maxRows;
        private Map<Integer, String> current;
        private int nextColumn;

        Collector(List<RawTable.RawRow> rows, int maxRows) {
            this.rows = rows;
            this.maxRows = maxRows;
        }

        @Override
        public void startRow(int rowNum) {
            current = new TreeMap<>();
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {
            if (!current.isEmpty()) {
                rows.add(new RawTable.RawRow(rowNum + 1, current));
                if (rows.size() > maxRows) {
                    throw new TooManyRows();
                }
            }
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            if (formattedValue != null && !formattedValue.isBlank()) {
                current.put(column, formattedValue.strip());
            }
        }
    }
}
