package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.POLICIES;
import static com.lexrule.support.Lifecycle.as;
import static com.lexrule.support.Lifecycle.approve;
import static com.lexrule.support.Lifecycle.pointsInForce;
import static com.lexrule.support.Lifecycle.rowOf;
import static com.lexrule.support.Lifecycle.upload;
import static com.lexrule.support.Lifecycle.versionInForce;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.lexrule.support.Lifecycle;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A draft may change the values officers own, never the code around them: header cells, code in data cells, DRL
 * by a non-admin, oversized or malformed uploads are refused with the place named, and nothing is stored.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class DraftRefusalTest {

    @Test
    void aChangedCodeTemplateInAHeaderRowIsRefusedNamingTheCellAndNothingIsStored() {
        int drafts = as("officer").get(POLICIES + "/drafts").then().statusCode(200).extract().jsonPath().getList("$").size();
        byte[] tampered = Workbooks.setText(pointsInForce(), 0, "E8", "modify(f) { setPoints($param * 2), setScored(true) }");
        upload("officer", "danger-points.xlsx", tampered).statusCode(422)
                .contentType("application/problem+json")
                .body("type", containsString("draft-refused"))
                .body("errors.cell", hasItem("E8")).body("errors.sheet", hasItem("分值表"))
                .body("errors.file", hasItem(Lifecycle.POINTS));
        as("officer").get(POLICIES + "/drafts").then().body("size()", equalTo(drafts));
    }

    @Test
    void aChangedImportInTheRuleSetAreaIsRefusedNamingTheCell() {
        byte[] tampered = Workbooks.setText(pointsInForce(), 0, "C2", "com.lexrule.engine.ScoreFactor, java.lang.Runtime");
        upload("officer", "danger-points.xlsx", tampered).statusCode(422).body("errors.cell", hasItem("C2"));
    }

    @Test
    void aRelabelledColumnIsRefusedBecauseTheLabelRowIsLocked() {
        byte[] tampered = Workbooks.setText(pointsInForce(), 0, "E9", "分值");
        upload("officer", "danger-points.xlsx", tampered).statusCode(422).body("errors.cell", hasItem("E9"));
    }

    @Test
    void javaSmuggledIntoAPointsCellIsRefusedNamingTheCell() {
        byte[] points = pointsInForce();
        String cell = "E" + rowOf(points, "FLIGHT_HISTORY");
        byte[] tampered = Workbooks.setText(points, 0, cell, "30), System.exit(1), f.setScored(true");
        upload("officer", "danger-points.xlsx", tampered).statusCode(422)
                .body("errors.cell", hasItem(cell)).body("errors.message", hasItem(containsString("numbers")));
    }

    @Test
    void aQuoteInAReasonCellCannotCloseTheStringItIsWrittenInto() {
        byte[] points = pointsInForce();
        String cell = "G" + rowOf(points, "FLIGHT_HISTORY");
        byte[] tampered = Workbooks.setText(points, 0, cell, "曾经逃跑\") @evil(\"");
        upload("officer", "danger-points.xlsx", tampered).statusCode(422).body("errors.cell", hasItem(cell));
    }

    @Test
    void rulesetKeywordsBelowTheBlankRowThatEndsATableAreRefused() {
        byte[] points = pointsInForce();
        byte[] tampered = Workbooks.setText(Workbooks.setText(points, 0, "B60", "Functions"), 0, "C60", "void x() { }");
        upload("officer", "danger-points.xlsx", tampered).statusCode(422).body("errors.cell", hasItem("B60"));
    }

    @Test
    void theCatalogKeysInRowOneAreLocked() {
        byte[] catalog = Lifecycle.download(versionInForce(), "decision-tables/catalog.xlsx");
        byte[] tampered = Workbooks.setText(catalog, 0, "C1", "maximumSentence");
        upload("officer", "catalog.xlsx", tampered).statusCode(422)
                .body("errors.cell", hasItem("C1")).body("errors.sheet", hasItem("crimeTypes"));
    }

    @Test
    void aNewCrimeTypeInTheCatalogIsAnOrdinaryDataEdit() {
        byte[] catalog = Lifecycle.download(versionInForce(), "decision-tables/catalog.xlsx");
        // CL 274: 数额特别巨大或者有其他特别严重情节的，处十年以上有期徒刑 (at most fifteen years, CL 45); CL 17 ¶1: from sixteen
        String[][] row = {{"A12", "EXTORTION"}, {"B12", "敲诈勒索罪"}, {"C12", "FIXED_TERM"}, {"D12", "180"},
                {"E12", "《刑法》第二百七十四条（数额特别巨大或者有其他特别严重情节的，处十年以上有期徒刑，并处罚金）"},
                {"F12", "16"}, {"I12", "《刑法》第十七条第一款"}};
        byte[] added = catalog;
        for (String[] cell : row) {
            added = Workbooks.setText(added, 0, cell[0], cell[1]);
        }
        upload("officer", "catalog.xlsx", added).statusCode(201).body("status", equalTo("VALID"))
                .body("uploadedFiles", hasItem("decision-tables/catalog.xlsx"));
    }

    @Test
    void aLegalOfficerMayNotChangeDrlRules() {
        byte[] drl = Lifecycle.download(versionInForce(), "rules/arrest-conditions.drl");
        upload("officer", "arrest-conditions.drl", drl).statusCode(403)
                .contentType("application/problem+json").body("type", containsString("drl-admin-only"))
                .body("errors.file", hasItem("arrest-conditions.drl"));
    }

    @Test
    void anAdministratorMayDraftADrlChange() {
        String drl = new String(Lifecycle.download(versionInForce(), "rules/arrest-conditions.drl"), StandardCharsets.UTF_8);
        upload("admin", "arrest-conditions.drl", (drl + "\n// reviewed\n").getBytes(StandardCharsets.UTF_8)).statusCode(201)
                .body("status", equalTo("VALID")).body("uploadedFiles", hasItem("rules/arrest-conditions.drl"));
    }

    @Test
    void anUploadOverTwoMebibytesIsRefusedAsTooLarge() {
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        upload("officer", "danger-points.xlsx", big).statusCode(413)
                .contentType("application/problem+json").body("type", containsString("upload-too-large"))
                .body("errors.file", hasItem("danger-points.xlsx"));
    }

    @Test
    void aWorkbookWithTooManyRowsIsRefused() {
        byte[] points = pointsInForce();
        byte[] tall = Workbooks.setText(points, 0, "A6001", "x");
        upload("officer", "danger-points.xlsx", tall).statusCode(413).body("type", containsString("upload-limit"));
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefusedByName() {
        upload("officer", "danger-points.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8)).statusCode(422)
                .body("errors.file", hasItem(Lifecycle.POINTS));
    }

    @Test
    void aTableTheVersionInForceDoesNotHaveIsRefused() {
        upload("officer", "new-table.xlsx", pointsInForce()).statusCode(422).body("errors.file", hasItem("new-table.xlsx"));
    }

    @Test
    void theManifestIsWrittenAtApprovalNotUploaded() {
        upload("officer", "policy.json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode(422).body("errors.file", hasItem("policy.json"));
    }

    @Test
    void aCaseSystemMayNotDraftPolicy() {
        upload("case-system", "danger-points.xlsx", pointsInForce()).statusCode(403);
    }

    @Test
    void aTableThatDoesNotCompileIsKeptAsInvalidWithTheCellNamedAndCannotBeApproved() {
        byte[] points = pointsInForce();
        String cell = "E" + rowOf(points, "FLIGHT_HISTORY");
        // points are whole numbers (setPoints(int)): 35.5 passes the template check as a number but does not compile
        long id = upload("officer", "danger-points.xlsx", Workbooks.setNumber(points, 0, cell, 35.5)).statusCode(201)
                .body("status", equalTo("INVALID"))
                .body("errors.cell", hasItem(cell)).body("errors.sheet", hasItem("分值表"))
                .extract().jsonPath().getLong("id");
        approve("approver", id, "should not publish").statusCode(422)
                .body("type", containsString("draft-invalid")).body("errors.cell", hasItem(cell));
        as("officer").post(POLICIES + "/drafts/" + id + "/scenario-run").then().statusCode(422);
        as("approver").get(POLICIES + "/drafts/" + id).then().statusCode(200).body("status", equalTo("INVALID"))
                .body("errors.cell", hasItem(cell));
    }
}
