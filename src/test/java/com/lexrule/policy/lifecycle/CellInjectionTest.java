package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.POLICIES;
import static com.lexrule.support.Lifecycle.approve;
import static com.lexrule.support.Lifecycle.as;
import static com.lexrule.support.Lifecycle.pointsInForce;
import static com.lexrule.support.Lifecycle.rowOf;
import static com.lexrule.support.Lifecycle.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Api;
import com.lexrule.support.Lifecycle;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A legal officer can never run code through a spreadsheet cell (issue 10 §1). Each way a cell can carry text
 * other than its value is tried with Java that would create a marker file if it ever reached the rule compiler:
 * through the draft upload, the scenario run, the back-test and, where the draft is valid, a live assessment
 * after a second person approves it. The marker must never appear.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class CellInjectionTest {

    /** Relative to the service's working directory, short enough for a formula's 255-character literal. */
    private static final Path MARKERS = Path.of("target", "im");
    private Path marker;
    private byte[] points;
    private String pointsCell;

    @BeforeEach
    void prepare(TestInfo test) throws IOException {
        Files.createDirectories(MARKERS);
        marker = MARKERS.resolve(Integer.toHexString(test.getTestMethod().orElseThrow().getName().hashCode()));
        Files.deleteIfExists(marker);
        points = pointsInForce();
        pointsCell = "E" + rowOf(points, "PLANNING_NEW_CRIME");
    }

    /** Java creating the marker, written without a single quote character (as the reported attack was). */
    private String payload() {
        String chars = marker.toString().chars().mapToObj(Integer::toString).collect(Collectors.joining(","));
        return "new java.io.File(new String(new char[]{" + chars + "})).createNewFile()";
    }

    @Test
    void aCustomNumberFormatOnAPointsCellIsNotCode() {
        // The reported attack: the cell keeps 40 but displays as Java that closes the modify block.
        byte[] tampered = edit(points, (wb, sheet) -> {
            var style = wb.createCellStyle();
            style.setDataFormat(wb.createDataFormat().getFormat("0\"), setScored(true) }; " + payload() + "; //\""));
            cell(sheet, pointsCell).setCellStyle(style);
        });
        runsNothing(tampered, true);
    }

    @Test
    void richTextInAReasonCellIsReadAsItsPlainText() {
        String reasonCell = "G" + rowOf(points, "PLANNING_NEW_CRIME");
        byte[] tampered = edit(points, (wb, sheet) -> {
            XSSFRichTextString text = new XSSFRichTextString("正在策划新的犯罪\") @x(\"\"); " + payload() + "; //");
            XSSFFont red = ((XSSFWorkbook) wb).createFont();
            red.setColor((short) 10);
            text.applyFont(0, 4, red);
            cell(sheet, reasonCell).setCellValue(text);
        });
        upload("officer", "danger-points.xlsx", tampered).statusCode(422).body("errors.cell", hasItem(reasonCell))
                .body("errors.message", hasItem(containsString("quotes")));
        noMarker();
        // Formatting alone is only formatting: the same run over a harmless text is accepted as that text.
        byte[] styled = edit(points, (wb, sheet) -> {
            XSSFRichTextString text = new XSSFRichTextString("正在策划、组织或者预备实施新的犯罪，可能实施新的犯罪");
            XSSFFont bold = ((XSSFWorkbook) wb).createFont();
            bold.setBold(true);
            text.applyFont(0, 2, bold);
            cell(sheet, reasonCell).setCellValue(text);
        });
        runsNothing(styled, false);
    }

    @Test
    void aCommentOnACellIsNeverRead() {
        byte[] tampered = edit(points, (wb, sheet) -> {
            Drawing<?> drawing = sheet.createDrawingPatriarch();
            ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
            Comment comment = drawing.createCellComment(anchor);
            comment.setString(wb.getCreationHelper().createRichTextString("40), setScored(true) }; " + payload() + "; //"));
            cell(sheet, pointsCell).setCellComment(comment);
        });
        runsNothing(tampered, true);
    }

    @Test
    void aHyperlinkOnACellIsNeverRead() {
        byte[] tampered = edit(points, (wb, sheet) -> {
            var link = wb.getCreationHelper().createHyperlink(HyperlinkType.URL);
            link.setAddress("http://example.invalid/?" + payload().replaceAll("[^A-Za-z0-9.]", ""));
            link.setLabel("40), setScored(true) }; " + payload() + "; //");
            cell(sheet, pointsCell).setHyperlink(link);
        });
        runsNothing(tampered, true);
    }

    @Test
    void aFormulaIsRefusedEvenWithAHarmlessCachedValue() {
        byte[] tampered = edit(points, (wb, sheet) -> {
            Cell cell = cell(sheet, pointsCell);
            cell.setCellFormula("40+0");
            // A formula's cached result is whatever the last program to save it wrote: never trusted.
            cell.setCellValue(40);
        });
        upload("officer", "danger-points.xlsx", tampered).statusCode(422).body("errors.cell", hasItem(pointsCell))
                .body("errors.message", hasItem(containsString("formulas")));
        byte[] textFormula = edit(points, (wb, sheet) -> cell(sheet, pointsCell)
                .setCellFormula("\"40), setScored(true) }; " + payload().replace("\"", "") + "; //\""));
        upload("officer", "danger-points.xlsx", textFormula).statusCode(422).body("errors.cell", hasItem(pointsCell));
        noMarker();
    }

    @Test
    void aDefinedNameIsNeverRead() {
        byte[] tampered = edit(points, (wb, sheet) -> {
            Name name = wb.createName();
            name.setNameName("PLANNING_POINTS");
            name.setRefersToFormula("\"40), setScored(true) }; " + payload().replace("\"", "") + "; //\"");
        });
        runsNothing(tampered, true);
    }

    @Test
    void aDataValidationListIsNeverRead() {
        byte[] tampered = edit(points, (wb, sheet) -> {
            DataValidationHelper helper = sheet.getDataValidationHelper();
            CellReference at = new CellReference(pointsCell);
            var constraint = helper.createExplicitListConstraint(new String[] {"40", payload().replace(",", ";")});
            sheet.addValidationData(helper.createValidation(constraint,
                    new CellRangeAddressList(at.getRow(), at.getRow(), at.getCol(), at.getCol())));
        });
        runsNothing(tampered, true);
    }

    @Test
    void aCellOutsideTheTableIsRefusedNamingIt() {
        String outside = "K" + rowOf(points, "PLANNING_NEW_CRIME");
        upload("officer", "danger-points.xlsx", Workbooks.setText(points, 0, outside, payload()))
                .statusCode(422).body("errors.cell", hasItem(outside));
        // Below the blank row that ends a table, Drools would read a cell as a rule-set directive.
        upload("officer", "danger-points.xlsx", Workbooks.setText(Workbooks.setText(points, 0, "B80", "Functions"), 0, "C80",
                "boolean x() { return " + payload() + "; }")).statusCode(422).body("errors.cell", hasItem("B80"));
        noMarker();
    }

    @Test
    void codeTypedIntoAPointsCellIsRefused() {
        upload("officer", "danger-points.xlsx", Workbooks.setText(points, 0, pointsCell, "40), " + payload() + ", setScored(true"))
                .statusCode(422).body("errors.cell", hasItem(pointsCell)).body("errors.message", hasItem(containsString("numbers")));
        noMarker();
    }

    @Test
    void aMacroEnabledWorkbookIsRefused() {
        byte[] withMacro = addEntry(points, "xl/vbaProject.bin", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});
        upload("officer", "danger-points.xlsx", withMacro).statusCode(422)
                .body("errors.file", hasItem(Lifecycle.POINTS)).body("errors.message", hasItem(containsString("macro")));
    }

    /**
     * The draft is accepted as its values; the stored file keeps nothing of the upload but them; its scenarios,
     * back-test and (once approved by another person) live assessments run and answer the table's 40 points.
     */
    private void runsNothing(byte[] tampered, boolean approveAndAssess) {
        long id = upload("officer", "danger-points.xlsx", tampered).statusCode(201).body("status", equalTo("VALID"))
                .extract().jsonPath().getLong("id");
        byte[] stored = as("officer").get(POLICIES + "/drafts/" + id + "/files/" + Lifecycle.POINTS).then().statusCode(200)
                .extract().asByteArray();
        assertStoredAsValuesOnly(stored);
        as("officer").post(POLICIES + "/drafts/" + id + "/scenario-run").then().statusCode(200).body("failed", equalTo(0));
        Api.post("case-system", ArrestRulesTest.PATH, planningCase()).statusCode(200);
        as("officer").queryParam("limit", 50).post(POLICIES + "/drafts/" + id + "/backtest").then().statusCode(200);
        noMarker();
        if (!approveAndAssess) return;
        approve("approver", id, "injection test " + marker.getFileName()).statusCode(201);
        Api.post("case-system", ArrestRulesTest.PATH, planningCase()).statusCode(200)
                .body("findings.find { it.ruleId == 'ARR-SCORE-PLANNING_NEW_CRIME' }.points", equalTo(40));
        noMarker();
    }

    private static java.util.Map<String, Object> planningCase() {
        return Api.with(ArrestRulesTest.CASE, "caseId", "INJECTION", "dangerIndicators", List.of("PLANNING_NEW_CRIME"));
    }

    private void assertStoredAsValuesOnly(byte[] stored) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(stored))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(workbook.getAllNames()).isEmpty();
            assertThat(sheet.getDataValidations()).isEmpty();
            assertThat(sheet.getCellComments()).isEmpty();
            assertThat(sheet.getHyperlinkList()).isEmpty();
            Cell cell = cell(sheet, pointsCell);
            assertThat(cell.getNumericCellValue()).isEqualTo(40.0);
            assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("General");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void noMarker() {
        assertThat(marker).as("code from a spreadsheet cell ran in the service").doesNotExist();
    }

    private static Cell cell(Sheet sheet, String ref) {
        CellReference at = new CellReference(ref);
        var row = sheet.getRow(at.getRow()) == null ? sheet.createRow(at.getRow()) : sheet.getRow(at.getRow());
        return row.getCell(at.getCol()) == null ? row.createCell(at.getCol()) : row.getCell(at.getCol());
    }

    private static byte[] edit(byte[] xlsx, BiConsumer<Workbook, Sheet> change) {
        return Workbooks.edit(xlsx, wb -> change.accept(wb, wb.getSheetAt(0)));
    }

    private static byte[] addEntry(byte[] xlsx, String name, byte[] content) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(content);
            out.closeEntry();
            out.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
