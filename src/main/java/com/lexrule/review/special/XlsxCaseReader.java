package com.lexrule.review.special;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the sheet 案件 (else the first sheet) of an .xlsx upload with POI's streaming (SAX) reader, so a sheet of many rows is never held
 * as a workbook in memory, and the row limit stops the read as soon as it is passed. POI's zip-bomb protections
 * ({@code ZipSecureFile}: minimum inflate ratio, maximum entry size) stay at their defaults. Cells are read as an
 * officer sees them (DataFormatter): 35 not 35.0, TRUE for a boolean cell, a formula's cached result.
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

    static RawTable read(byte[] content, int maxRows) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            // the template's sheet 案件 wherever the officer moved it, else the first sheet
            int chosen = 0;
            int index = 0;
            XSSFReader.SheetIterator names = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (names.hasNext()) {
                try (InputStream ignored = names.next()) {
                    if (ReviewTemplate.CASES_SHEET.equals(names.getSheetName().strip())) {
                        chosen = index;
                        break;
                    }
                }
                index++;
            }
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            for (int skip = 0; skip < chosen && sheets.hasNext(); skip++) {
                sheets.next().close();
            }
            if (!sheets.hasNext()) {
                return new RawTable(List.of());
            }
            List<RawTable.RawRow> rows = new ArrayList<>();
            try (InputStream sheet = sheets.next()) {
                Collector collector = new Collector(rows, maxRows);
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector,
                        new DataFormatter(Locale.ROOT), false));
                parser.parse(new InputSource(sheet));
            }
            return new RawTable(List.copyOf(rows));
        } catch (TooManyRows e) {
            throw e;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
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
