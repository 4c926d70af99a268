package com.lexrule.policy.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

import com.lexrule.upload.SpreadsheetUpload;

/**
 * An officer's draft workbook, opened as every upload is ({@link SpreadsheetUpload}: spooled to a temp file, macros
 * and zip bombs refused) and then counted while streaming, so that a workbook over the sheet or row limit is refused
 * before POI's user model holds it in memory (a 100,000-row sheet would otherwise be loaded whole first).
 */
final class UploadedWorkbook implements AutoCloseable {

    /** Why an upload is refused: over the limits (413) or not an acceptable workbook (422). */
    static final class Refused extends Exception {
        final boolean overLimit;

        Refused(String message, boolean overLimit) {
            super(message);
            this.overLimit = overLimit;
        }
    }

    private static final class OverLimit extends RuntimeException {
        OverLimit() {
            super(null, null, false, false);
        }
    }

    private final SpreadsheetUpload upload;
    private final Workbook workbook;

    private UploadedWorkbook(SpreadsheetUpload upload, Workbook workbook) {
        this.upload = upload;
        this.workbook = workbook;
    }

    static UploadedWorkbook open(byte[] content, long maxFileBytes, int maxSheets, int maxRows) throws Refused {
        SpreadsheetUpload upload = null;
        try {
            upload = SpreadsheetUpload.open(new ByteArrayInputStream(content), SpreadsheetUpload.Limits.of(maxFileBytes));
            int sheets = upload.sheetNames().size();
            if (sheets > maxSheets) {
                throw new Refused("工作簿最多 " + maxSheets + " 个工作表 (at most " + maxSheets + " sheets)", true);
            }
            for (int i = 0; i < sheets; i++) {
                try {
                    upload.readSheet(i, new RowCounter(maxRows), new DataFormatter());
                } catch (OverLimit e) {
                    throw new Refused("每个工作表最多 " + maxRows + " 行 (at most " + maxRows + " rows per sheet)", true);
                }
            }
            return new UploadedWorkbook(upload, upload.workbook());
        } catch (SpreadsheetUpload.Refused e) {
            close(upload);
            throw new Refused(e.getMessage(), e.reason() == SpreadsheetUpload.Reason.TOO_LARGE);
        } catch (IOException e) {
            close(upload);
            throw new Refused("无法读取电子表格 (unreadable workbook): " + e.getMessage(), false);
        } catch (Refused e) {
            close(upload);
            throw e;
        }
    }

    Workbook workbook() {
        return workbook;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            // Read-only package: nothing to write back, and the spooled file goes with the upload below.
        }
        close(upload);
    }

    private static void close(SpreadsheetUpload upload) {
        if (upload != null) upload.close();
    }

    /** Stops the streaming read at the first row numbered past the limit. */
    private record RowCounter(int maxRows) implements XSSFSheetXMLHandler.SheetContentsHandler {
        @Override
        public void startRow(int rowNum) {
            if (rowNum + 1 > maxRows) throw new OverLimit();
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
        }
    }
}
