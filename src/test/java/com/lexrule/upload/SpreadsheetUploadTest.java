package com.lexrule.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload is opened from a temp file of its own, refused when it carries macros, is no spreadsheet or inflates
 * beyond a bound, and its temp file is gone afterwards, whichever way it ended.
 */
class SpreadsheetUploadTest {

    private static final SpreadsheetUpload.Limits LIMITS = SpreadsheetUpload.Limits.of(10L << 20);

    @TempDir
    Path spool;

    @AfterEach
    void theTempFileIsAlwaysDeleted() throws IOException {
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left).as("files left in the spool directory").isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    @Test
    void aWorkbookIsReadRowByRowFromASpooledFileThatIsDeletedOnClose() throws IOException {
        byte[] xlsx = workbook(2, 3);
        List<String> cells = new ArrayList<>();
        try (SpreadsheetUpload upload = open(xlsx)) {
            assertThat(upload.file()).exists();
            assertThat(upload.sheetNames()).containsExactly("first", "second");
            upload.readSheet(1, collect(cells), new DataFormatter(Locale.ROOT));
        }
        assertThat(cells).containsExactly("A1=second-0-0", "B1=35", "A2=second-1-0", "B2=35", "A3=second-2-0", "B3=35");
    }

    @Test
    void aHandlerThatStopsTheReadGetsItsOwnExceptionBack() throws IOException {
        class Stop extends RuntimeException {
        }
        try (SpreadsheetUpload upload = open(workbook(1, 100))) {
            assertThatThrownBy(() -> upload.readSheet(0, new Rows() {
                @Override
                public void endRow(int rowNum) {
                    if (rowNum == 5) {
                        throw new Stop();
                    }
                }
            }, new DataFormatter())).isInstanceOf(Stop.class);
        }
    }

    // ------------------------------------------------------------------------------------------ macros

    @Test
    void aWorkbookWithAVbaProjectIsRefusedAsMacroEnabled() {
        byte[] xlsm = rezip(workbook(1, 1), "xl/vbaProject.bin", new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, null);
        assertRefused(xlsm, SpreadsheetUpload.Reason.MACRO_ENABLED, "vbaProject.bin");
    }

    @Test
    void aMacroEnabledContentTypeIsRefusedEvenWithoutTheVbaEntry() {
        byte[] xlsm = rezip(workbook(1, 1), null, null, types -> types.replace(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml"));
        assertRefused(xlsm, SpreadsheetUpload.Reason.MACRO_ENABLED, "macroenabled");
    }

    @Test
    void anExcel4MacroSheetIsRefused() {
        byte[] xlsx = rezip(workbook(1, 1), "xl/macrosheets/sheet1.xml", "<xm:macrosheet/>".getBytes(StandardCharsets.UTF_8), null);
        assertRefused(xlsx, SpreadsheetUpload.Reason.MACRO_ENABLED, "macrosheets");
    }

    // ------------------------------------------------------------------------------------------ not a workbook

    @Test
    void bytesThatAreNoZipAreRefusedAsNoWorkbook() {
        assertRefused("PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.UTF_8), SpreadsheetUpload.Reason.NOT_A_WORKBOOK, "zip");
        assertRefused("caseId,subjectId\n1,2\n".getBytes(StandardCharsets.UTF_8), SpreadsheetUpload.Reason.NOT_A_WORKBOOK, "zip");
    }

    @Test
    void aPlainZipOrAWordDocumentRenamedToXlsxIsRefused() {
        assertRefused(zip("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)), SpreadsheetUpload.Reason.NOT_A_WORKBOOK, "Content_Types");
        byte[] docx = rezip(workbook(1, 1), null, null, types -> types.replace(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"));
        assertRefused(docx, SpreadsheetUpload.Reason.NOT_A_WORKBOOK, "spreadsheet");
    }

    // ------------------------------------------------------------------------------------------ zip bombs

    @Test
    void aSheetThatInflatesAHundredfoldIsRefusedAsAZipBomb() throws IOException {
        // 50 MB of one repeated cell compresses ~1000:1, far beyond POI's minimum inflate ratio
        StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        String row = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
        while (sheet.length() < 50_000_000) {
            sheet.append(row);
        }
        sheet.append("</sheetData></worksheet>");
        byte[] bomb = rezip(workbook(1, 1), "xl/worksheets/sheet1.xml", sheet.toString().getBytes(StandardCharsets.UTF_8), null);
        assertThat(bomb.length).isLessThan(1 << 20);
        try (SpreadsheetUpload upload = open(bomb)) {
            assertThatThrownBy(() -> upload.readSheet(0, new Rows(), new DataFormatter()))
                    .isInstanceOfSatisfying(SpreadsheetUpload.Refused.class,
                            e -> assertThat(e.reason()).isEqualTo(SpreadsheetUpload.Reason.TOO_LARGE));
        }
    }

    @Test
    void sharedStringsBeyondTheirBoundAreRefusedBeforeTheyFillTheHeap() throws IOException {
        SpreadsheetUpload.Limits tight = new SpreadsheetUpload.Limits(10L << 20, 200, 512L << 20, 4096, 8L << 20);
        byte[] xlsx = sharedStringsWorkbook(2_000);
        try (SpreadsheetUpload upload = SpreadsheetUpload.open(new ByteArrayInputStream(xlsx), tight, spool)) {
            assertThatThrownBy(() -> upload.readSheet(0, new Rows(), new DataFormatter()))
                    .isInstanceOfSatisfying(SpreadsheetUpload.Refused.class, e -> {
                        assertThat(e.reason()).isEqualTo(SpreadsheetUpload.Reason.TOO_LARGE);
                        assertThat(e.getMessage()).contains("sharedStrings").contains("4096");
                    });
        }
    }

    @Test
    void aPackageOfTooManyEntriesIsRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < 300; i++) {
                zip.putNextEntry(new ZipEntry("e" + i));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertRefused(out.toByteArray(), SpreadsheetUpload.Reason.TOO_LARGE, "200");
    }

    @Test
    void aFileOverTheByteLimitIsRefusedWhileItIsSpooled() {
        SpreadsheetUpload.Limits small = SpreadsheetUpload.Limits.of(1000);
        assertThatThrownBy(() -> SpreadsheetUpload.open(new ByteArrayInputStream(workbook(1, 200)), small, spool))
                .isInstanceOfSatisfying(SpreadsheetUpload.Refused.class,
                        e -> assertThat(e.reason()).isEqualTo(SpreadsheetUpload.Reason.TOO_LARGE));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private SpreadsheetUpload open(byte[] xlsx) throws IOException {
        return SpreadsheetUpload.open(new ByteArrayInputStream(xlsx), LIMITS, spool);
    }

    private void assertRefused(byte[] content, SpreadsheetUpload.Reason reason, String named) {
        assertThatThrownBy(() -> {
            try (SpreadsheetUpload upload = open(content)) {
                upload.readSheet(0, new Rows(), new DataFormatter());
            }
        }).isInstanceOfSatisfying(SpreadsheetUpload.Refused.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).containsIgnoringCase(named);
        });
    }

    static byte[] workbook(int sheets, int rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int s = 0; s < sheets; s++) {
                XSSFSheet sheet = wb.createSheet(s == 0 ? "first" : "second");
                for (int r = 0; r < rows; r++) {
                    var row = sheet.createRow(r);
                    row.createCell(0).setCellValue(sheet.getSheetName() + "-" + r + "-0");
                    row.createCell(1).setCellValue(35);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sharedStringsWorkbook(int rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("first");
            for (int r = 0; r < rows; r++) {
                sheet.createRow(r).createCell(0).setCellValue("unique text of row " + r);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a package, replacing or adding {@code name} and rewriting [Content_Types].xml if asked. */
    private static byte[] rezip(byte[] xlsx, String name, byte[] content, UnaryOperator<String> types) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (entry.getName().equals(name)) {
                    continue;
                }
                if (types != null && entry.getName().equals("[Content_Types].xml")) {
                    data = types.apply(new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(data);
                zip.closeEntry();
            }
            if (name != null) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String name, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static XSSFSheetXMLHandler.SheetContentsHandler collect(List<String> cells) {
        return new Rows() {
            @Override
            public void cell(String reference, String formattedValue, XSSFComment comment) {
                cells.add(reference + "=" + formattedValue);
            }
        };
    }

    private static class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        @Override
        public void startRow(int rowNum) {
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
        }
    }
}
