package com.lexrule.review.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;

/**
 * What an .xlsx review upload may not do to the service: hold more rows than the limit (the read stops at the
 * first one over it, with a 413 naming the limit), carry macros, pass another file off as a workbook, or inflate
 * into the heap. Every spooled temp file is gone afterwards.
 */
@QuarkusTest
class SpecialReviewUploadTest {

    static final String REVIEWS = "/api/v1/reviews";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    private Set<Path> spooledBefore;

    @BeforeEach
    void rememberSpooledFiles() throws IOException {
        spooledBefore = spooled();
    }

    @AfterEach
    void noSpooledFileIsLeftBehind() throws IOException {
        Set<Path> left = spooled();
        left.removeAll(spooledBefore);
        assertThat(left).as("temp files left by the upload").isEmpty();
    }

    static Set<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(f -> f.getFileName().toString().startsWith("lexrule-upload-")).collect(Collectors.toSet());
        }
    }

    /** A 20,000-row sheet is read in well under a second on a quiet machine, but CI machines are shared. */
    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 180_000));

    static ValidatableResponse post(String name, byte[] content) {
        return RestAssured.given().config(PATIENT).auth().preemptive().basic("auditor", "auditor").contentType("multipart/form-data")
                .multiPart("file", name, content, XLSX).multiPart("family", "arrest").post(REVIEWS).then();
    }

    @Test
    void aReviewOfFourHundredThousandRowsIsRefusedWith413NamingTheLimitNotAPoiError() {
        byte[] huge = ReviewWorkbooks.caseIds(400_000);
        assertThat(huge.length).isLessThan(10 * 1024 * 1024);
        post("huge.xlsx", huge).statusCode(413).contentType("application/problem+json")
                .body("type", containsString("review-too-many-rows"))
                .body("detail", containsString("lexrule.review.max-rows"))
                .body("maxRows", equalTo(20000));
    }

    @Test
    void oneRowOverTheLimitIsRefusedAndOneRowUnderIsAccepted() {
        post("over.xlsx", ReviewWorkbooks.arrest(20_001, 0)).statusCode(413).body("type", containsString("review-too-many-rows"));
        post("small.xlsx", ReviewWorkbooks.arrest(3, 0)).statusCode(202).body("progress.total", equalTo(3));
    }

    @Test
    void aWorkbookWithAVbaProjectIsRefusedAsMacroEnabled() {
        byte[] xlsm = rezip(ReviewWorkbooks.arrest(3, 0), "xl/vbaProject.bin", new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}, false);
        post("cases.xlsx", xlsm).statusCode(415).contentType("application/problem+json")
                .body("type", containsString("macro-enabled-workbook")).body("detail", containsString("vbaProject.bin"));
    }

    @Test
    void aMacroEnabledContentTypeIsRefusedEvenWithoutTheVbaEntry() {
        byte[] xlsm = rezip(ReviewWorkbooks.arrest(3, 0), null, null, true);
        post("cases.xlsm", xlsm).statusCode(415).body("type", containsString("macro-enabled-workbook"));
    }

    @Test
    void aZipBombIsRefusedAndAZipRenamedToXlsxToo() {
        StringBuilder sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        while (sheet.length() < 50_000_000) {
            sheet.append("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row>");
        }
        sheet.append("</sheetData></worksheet>");
        byte[] bomb = rezip(ReviewWorkbooks.arrest(1, 0), "xl/worksheets/sheet1.xml", sheet.toString().getBytes(StandardCharsets.UTF_8), false);
        post("bomb.xlsx", bomb).statusCode(422).contentType("application/problem+json")
                .body("type", containsString("unreadable-upload")).body("detail", containsString("zip"));

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("report.txt"));
            out.write("not a workbook".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        post("renamed.xlsx", zip.toByteArray()).statusCode(422).body("type", containsString("unreadable-upload"));
    }

    /** Copies a package, adding or replacing {@code name}, and optionally marking the workbook macro-enabled. */
    static byte[] rezip(byte[] xlsx, String name, byte[] content, boolean macroContentType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] data = in.readAllBytes();
                if (entry.getName().equals(name)) {
                    continue;
                }
                if (macroContentType && entry.getName().equals("[Content_Types].xml")) {
                    data = new String(data, StandardCharsets.UTF_8).replace(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                            "application/vnd.ms-excel.sheet.macroEnabled.main+xml").getBytes(StandardCharsets.UTF_8);
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
}
