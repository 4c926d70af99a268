package com.lexrule.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import com.lexrule.policy.table.Spreadsheet;
import com.lexrule.support.Lifecycle;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * One edit of the points table (LIVES_ON_CRIME_PROCEEDS, E14, +5) made three ways gives one compiled policy: saved in
 * Excel's format and round-tripped through LibreOffice headless, saved by openpyxl (as pandas and many scripts save,
 * dropping the empty covered cell C7 of the merged pattern cell B7:C7), and typed into the console's grid. The
 * template rows come from the published version, so the covered cell openpyxl dropped does not matter.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class SavedElsewhereTest {

    private static final String SHEET_CELL = "E14";

    @Test
    void the_same_edit_saved_by_libreoffice_by_openpyxl_or_in_the_grid_compiles_to_the_same_rules() throws Exception {
        byte[] published = Lifecycle.pointsInForce();
        double was = Lifecycle.pointsAt(published, SHEET_CELL);
        String now = Integer.toString((int) was + 5);
        Path dir = Files.createTempDirectory("lexrule-saved-elsewhere-");

        byte[] excel = Workbooks.edit(published, wb -> wb.getSheetAt(0).getRow(13).getCell(4).setCellValue(was + 5));
        byte[] libreOffice = libreOffice(dir, excel);
        byte[] openpyxl = openpyxl(dir, published, now);
        assertThat(coveredCellC7(openpyxl)).as("openpyxl drops the covered cell of B7:C7").isFalse();
        assertThat(coveredCellC7(libreOffice)).as("LibreOffice keeps it").isTrue();

        long fromLibreOffice = draft(Lifecycle.upload("officer", "danger-points.xlsx", libreOffice).statusCode(201)
                .extract().jsonPath().getLong("id"));
        long fromOpenpyxl = draft(Lifecycle.upload("officer", "danger-points.xlsx", openpyxl).statusCode(201)
                .extract().jsonPath().getLong("id"));
        ConsoleSession officer = ConsoleSession.login("officer");
        String location = officer.request().formParam("csrf", officer.csrf).formParam("c_" + SHEET_CELL, now)
                .formParam("note", "grid").post("/console/tables/arrest/danger-points.xlsx").then().statusCode(303)
                .extract().header("Location");
        long fromGrid = draft(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));

        String drl = rules(fromGrid);
        assertThat(drl).contains("setPoints(" + now + ")").isNotEqualTo(Spreadsheet.read(Lifecycle.POINTS, published)
                .decisionTable().table().rules().drl());
        assertThat(rules(fromLibreOffice)).isEqualTo(drl);
        assertThat(rules(fromOpenpyxl)).isEqualTo(drl);
    }

    // The helpers below are ConsoleBrowserTest's too: it uploads the openpyxl file through the console's form.

    /** The draft's status is VALID: it compiled. */
    static long draft(long id) {
        Lifecycle.as("officer").get(Lifecycle.POLICIES + "/drafts/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("VALID"));
        return id;
    }

    /** The rules the stored table of a draft compiles from. */
    static String rules(long draft) {
        byte[] stored = Lifecycle.as("officer").get(Lifecycle.POLICIES + "/drafts/" + draft + "/files/" + Lifecycle.POINTS)
                .then().statusCode(200).extract().asByteArray();
        return Spreadsheet.read(Lifecycle.POINTS, stored).decisionTable().table().rules().drl();
    }

    static boolean coveredCellC7(byte[] xlsx) throws IOException {
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            var row = wb.getSheetAt(0).getRow(6);
            return row != null && row.getCell(2) != null;
        }
    }

    private static byte[] libreOffice(Path dir, byte[] xlsx) throws Exception {
        Path in = dir.resolve("in").resolve("danger-points.xlsx");
        Files.createDirectories(in.getParent());
        Files.write(in, xlsx);
        Path out = dir.resolve("out");
        run(dir, List.of("soffice", "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(), "--headless",
                "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out.toString(), in.toString()));
        return Files.readAllBytes(out.resolve("danger-points.xlsx"));
    }

    static byte[] openpyxl(Path dir, byte[] xlsx, String value) throws Exception {
        Path in = dir.resolve("published.xlsx");
        Path out = dir.resolve("openpyxl.xlsx");
        Files.write(in, xlsx);
        run(dir, List.of("/usr/bin/python3", "-c", "import sys, openpyxl\n"
                + "wb = openpyxl.load_workbook(sys.argv[1])\n"
                + "wb.worksheets[0]['" + SHEET_CELL + "'] = int(sys.argv[3])\n"
                + "wb.save(sys.argv[2])\n", in.toString(), out.toString(), value));
        return Files.readAllBytes(out);
    }

    private static void run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool.log").toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(command.get(0) + " finished").isTrue();
        assertThat(process.exitValue()).as(command.get(0) + ": " + Files.readString(dir.resolve("tool.log"))).isZero();
    }
}
