package com.lexrule.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/** Edits a workbook the way an officer would in Excel: one cell at a time. */
public final class Workbooks {
    private Workbooks() {
    }

    public static byte[] edit(byte[] xlsx, Consumer<Workbook> change) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            change.accept(workbook);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets cell {@code ref} (e.g. "E10") of sheet {@code sheet} to a text value. */
    public static byte[] setText(byte[] xlsx, int sheet, String ref, String value) {
        return edit(xlsx, wb -> {
            CellReference at = new CellReference(ref);
            var row = wb.getSheetAt(sheet).getRow(at.getRow());
            if (row == null) row = wb.getSheetAt(sheet).createRow(at.getRow());
            var cell = row.getCell(at.getCol());
            if (cell == null) cell = row.createCell(at.getCol());
            cell.setCellValue(value);
        });
    }

    public static byte[] setNumber(byte[] xlsx, int sheet, String ref, double value) {
        return edit(xlsx, wb -> {
            CellReference at = new CellReference(ref);
            wb.getSheetAt(sheet).getRow(at.getRow()).getCell(at.getCol()).setCellValue(value);
        });
    }
}
