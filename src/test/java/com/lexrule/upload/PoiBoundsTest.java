package com.lexrule.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * POI's process-wide bounds hold for every way the service opens a workbook, including the InputStream path that
 * inflates entries into arrays: an entry over the bound is refused while it inflates, not allocated.
 */
class PoiBoundsTest {

    @AfterEach
    void restoreTheServiceBounds() {
        PoiBounds.apply(512L << 20, 64 << 20, 1000);
    }

    @Test
    void theServiceBoundsAreFarBelowPoisDefaults() {
        PoiBounds.apply(512L << 20, 64 << 20, 1000);
        assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(512L << 20).isLessThan(0xFFFFFFFFL);
        assertThat(ZipSecureFile.getMaxFileCount()).isEqualTo(1000);
    }

    @Test
    void anEntryOverTheBoundIsRefusedWhileItInflates() throws IOException {
        byte[] xlsx = workbookWithASheetOfAboutTwoMegabytes();
        PoiBounds.apply(1L << 20, 64 << 20, 1000);
        assertThatThrownBy(() -> WorkbookFactory.create(new ByteArrayInputStream(xlsx)).close())
                .hasStackTraceContaining("1048576");
        PoiBounds.apply(512L << 20, 64 << 20, 1000);
        WorkbookFactory.create(new ByteArrayInputStream(xlsx)).close();
    }

    private static byte[] workbookWithASheetOfAboutTwoMegabytes() throws IOException {
        Random random = new Random(7);
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("s");
            for (int r = 0; r < 40_000; r++) {
                sheet.createRow(r).createCell(0).setCellValue(random.nextDouble());
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
