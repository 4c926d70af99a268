package com.lexrule.insight;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Rule and row coverage of a version, read from the audit's rollup: each decision counts once for every rule that
 * fired in it and once for the one rule that decided it; rows that never fired are placed by file, sheet and cell;
 * the workbook keeps the tables' own sheets with the counts beside each row.
 */
@QuarkusTest
class CoverageTest {

    static final String COVERAGE = "/api/v1/policies/arrest/versions/1/coverage";

    static JsonPath coverage() {
        return as("auditor").get(COVERAGE).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> rule(JsonPath coverage, String ruleId) {
        return coverage.getMap("rules.find { it.ruleId == '" + ruleId + "' }");
    }

    static long count(JsonPath coverage, String ruleId, String what) {
        Map<String, Object> rule = rule(coverage, ruleId);
        return rule == null ? 0 : ((Number) rule.get(what)).longValue();
    }

    @Test
    void everyDecisionCountsForEachRuleThatFiredAndForTheOneRuleThatDecidedIt() {
        JsonPath before = coverage();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> request = CounterfactualTest.arrestCase("COV-" + i);
            request.put("dangerIndicators", List.of("FLIGHT_HISTORY"));
            as("case-system").contentType("application/json").body(request).post("/api/v1/assessments/arrest")
                    .then().statusCode(200);
        }
        JsonPath after = coverage();

        assertThat(after.getLong("decisions") - before.getLong("decisions")).isEqualTo(3);
        assertThat(count(after, "ARR-SCORE-FLIGHT_HISTORY", "fired") - count(before, "ARR-SCORE-FLIGHT_HISTORY", "fired"))
                .isEqualTo(3);
        long decidedBefore = before.getList("rules.decided", Long.class).stream().mapToLong(Long::longValue).sum();
        long decidedAfter = after.getList("rules.decided", Long.class).stream().mapToLong(Long::longValue).sum();
        assertThat(decidedAfter - decidedBefore).as("one deciding rule per decision").isEqualTo(3);
        assertThat(rule(after, "ARR-SCORE-FLIGHT_HISTORY")).containsEntry("kind", "TABLE_ROW")
                .containsEntry("file", "danger-points.xlsx");
        assertThat(after.getString("policy.sha256")).hasSize(64);
        CalibrationTest.example("coverage-arrest.json", after.prettify());
    }

    @Test
    void rowsThatNeverFiredArePlacedByFileSheetAndCell() {
        // A period of the version with no decision in it: every rule and row then never fired, whatever else the
        // shared database holds (the demo data of CalibrationTest makes every row fire in the default period).
        JsonPath coverage = as("auditor").queryParam("from", "2001-01-01").queryParam("to", "2001-12-31").get(COVERAGE)
                .then().statusCode(200).extract().jsonPath();
        assertThat(coverage.getLong("decisions")).isZero();
        List<Map<String, Object>> never = coverage.getList("neverFired");
        assertThat(never).hasSameSizeAs(coverage.getList("rules"));
        assertThat(never).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("fired")).isEqualTo(0);
            assertThat(line.get("file")).isNotNull();
            if ("TABLE_ROW".equals(line.get("kind"))) {
                assertThat((String) line.get("cell")).matches("[A-Z]+[0-9]+");
                assertThat(line.get("sheet")).isNotNull();
            } else {
                assertThat(line.get("line")).isNotNull();
            }
        });
        assertThat(coverage.getList("rules.kind", String.class)).contains("TABLE_ROW", "DRL_RULE");
    }

    @Test
    void theWorkbookKeepsTheTablesSheetsWithTheCountsBesideEachRow() throws Exception {
        byte[] xlsx = as("officer").get(COVERAGE + ".xlsx").then().statusCode(200)
                .contentType(CoverageResource.XLSX).extract().asByteArray();
        JsonPath coverage = coverage();
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheet(CoverageWorkbook.SUMMARY)).isNotNull();
            // the row of ARR-SCORE-FLIGHT_HISTORY, in the points table's own sheet, carries its count in the added column
            Cell id = find(workbook, "ARR-SCORE-FLIGHT_HISTORY");
            assertThat(id).isNotNull();
            Sheet table = id.getSheet();
            Cell header = find(table, "触发次数 (fired)");
            assertThat(header).as("the count column of the table").isNotNull();
            assertThat(table.getRow(id.getRowIndex()).getCell(header.getColumnIndex()).getNumericCellValue())
                    .isEqualTo((double) count(coverage, "ARR-SCORE-FLIGHT_HISTORY", "fired"));
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsOrAnUnknownVersionIsRefused() {
        as("auditor").queryParam("from", "2026-05-02").queryParam("to", "2026-05-01").get(COVERAGE).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("to"));
        as("auditor").queryParam("from", "not-a-date").get(COVERAGE).then().statusCode(400);
        as("auditor").get("/api/v1/policies/arrest/versions/999/coverage").then().statusCode(404)
                .contentType("application/problem+json");
        as("case-system").get(COVERAGE).then().statusCode(403);
    }

    private static Cell find(Workbook workbook, String text) {
        for (Sheet sheet : workbook) {
            Cell cell = find(sheet, text);
            if (cell != null && !sheet.getSheetName().equals(CoverageWorkbook.SUMMARY)) return cell;
        }
        return null;
    }

    private static Cell find(Sheet sheet, String text) {
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING && text.equals(cell.getStringCellValue())) {
                    return cell;
                }
            }
        }
        return null;
    }
}
