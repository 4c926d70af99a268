package com.lexrule.review;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Special review (专项评查): decided cases are re-assessed under the guideline, and every case where the agency
 * recognised something else is flagged with the rule that makes the difference.
 */
@QuarkusTest
class SpecialReviewTest {

    static final String REVIEWS = "/api/v1/reviews";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static byte[] template(String form) {
        return as("auditor").get(REVIEWS + "/templates/" + form + ".xlsx").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
    }

    static String upload(String user, String form, String name, byte[] content, String type) {
        return RestAssured.given().auth().preemptive().basic(user, user).contentType("multipart/form-data")
                .multiPart("file", name, content, type).multiPart("family", form)
                .post(REVIEWS).then().statusCode(202).body("status", equalTo("QUEUED"))
                .extract().path("id");
    }

    static String submitJson(String user, Map<String, Object> body) {
        return as(user).body(body).post(REVIEWS).then().statusCode(202).extract().path("id");
    }

    /** Polls until the review is done; the background work must finish in seconds for a handful of rows. */
    static JsonPath done(String id) {
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath review = as("auditor").get(REVIEWS + "/" + id).then().statusCode(200).extract().jsonPath();
            String status = review.getString("status");
            if ("DONE".equals(status) || "FAILED".equals(status) || System.currentTimeMillis() > until) {
                assertThat(status).as(review.prettify()).isEqualTo("DONE");
                return review;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static JsonPath caseAtRow(String id, int row) {
        JsonPath page = as("auditor").queryParam("limit", 1000).get(REVIEWS + "/" + id + "/cases").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> found = page.getMap("cases.find { it.row == " + row + " }");
        assertThat(found).as("row " + row).isNotNull();
        return new JsonPath(toJson(found));
    }

    static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void fill(Sheet sheet, int rowIndex, Map<String, String> byKey) {
        Row keys = sheet.getRow(1);
        Row row = sheet.createRow(rowIndex);
        DataFormatter f = new DataFormatter();
        for (int c = 0; c < keys.getLastCellNum(); c++) {
            String key = f.formatCellValue(keys.getCell(c));
            if (byKey.containsKey(key)) {
                row.createCell(c).setCellValue(byKey.get(key));
            }
        }
    }

    static Map<String, String> cells(String... keyValues) {
        Map<String, String> cells = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            cells.put(keyValues[i], keyValues[i + 1]);
        }
        return cells;
    }

    static byte[] write(Workbook wb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        wb.close();
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------ template round trip

    @Test
    void aFilledTemplateFlagsRelativesLeadsAndMajorClaimsWithoutTheOtherCasesJudgment() throws IOException {
        byte[] template = template("meritorious-service");
        byte[] filled;
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(template))) {
            Sheet cases = wb.getSheet("案件");
            DataFormatter f = new DataFormatter();
            assertThat(f.formatCellValue(cases.getRow(0).getCell(3))).isEqualTo("立功类型 *");
            assertThat(f.formatCellValue(cases.getRow(1).getCell(3))).isEqualTo("claimType");
            assertThat(((XSSFSheet) cases).getDataValidations()).hasSizeGreaterThan(5);
            assertThat(wb.isSheetHidden(wb.getSheetIndex("lists"))).isTrue();
            assertThat(wb.getSheet("说明")).isNotNull();
            // the drop-down of claim types is the policy's catalog
            List<String> listed = new ArrayList<>();
            wb.getSheet("lists").forEach(r -> listed.add(f.formatCellValue(r.getCell(0))));
            assertThat(listed).contains("REPORTED_OTHERS_CRIME", "PROVIDED_LEAD", "ASSISTED_CAPTURE");

            String evidence = "AGENCY_STATEMENT, VERIFICATION_RECORD; LEAD_SOURCE_RECORD";
            // row 3: the lead came from relatives, yet recognised as 立功
            fill(cases, 2, cells("caseId", "SR-MS-1", "subjectId", "S-1", "crimeType", "盗窃", "claimType", "PROVIDED_LEAD",
                    "leadSource", "PROVIDED_BY_RELATIVES", "verification", "VERIFIED", "practicalEffect", "是",
                    "evidenceItems", evidence, "recognised", "构成立功"));
            // row 4: recognised 重大立功 without the other case's judgment
            fill(cases, 3, cells("caseId", "SR-MS-2", "subjectId", "S-2", "crimeType", "诈骗", "claimType", "PROVIDED_LEAD",
                    "leadSource", "OWN_KNOWLEDGE", "concernsOwnJointCrime", "否", "alreadyKnownToAuthorities", "否",
                    "verification", "VERIFIED", "practicalEffect", "是", "majorInfluence", "是",
                    "evidenceItems", evidence, "recognised", "MAJOR_MERITORIOUS_SERVICE"));
            // row 5: an ordinary lead, proven, recognised as 立功: agrees
            fill(cases, 4, cells("caseId", "SR-MS-3", "subjectId", "S-3", "crimeType", "盗窃", "claimType", "提供线索 (PROVIDED_LEAD)",
                    "leadSource", "OWN_KNOWLEDGE", "concernsOwnJointCrime", "FALSE", "alreadyKnownToAuthorities", "FALSE",
                    "verification", "查证属实", "practicalEffect", "TRUE", "otherPersonLikelySentence", "BELOW_LIFE",
                    "majorInfluence", "否", "evidenceItems", evidence, "recognised", "MERITORIOUS_SERVICE"));
            wb.setSheetOrder("说明", 0); // an officer moved the help sheet first: the cases are still found by name
            filled = write(wb);
        }
        String id = upload("officer", "meritorious-service", "评查.xlsx", filled, XLSX);
        JsonPath review = done(id);
        assertThat(review.getInt("progress.done")).isEqualTo(3);
        assertThat(review.getInt("progress.total")).isEqualTo(3);
        assertThat(review.getString("submittedBy")).isEqualTo("officer");
        assertThat(review.getString("policy.family")).isEqualTo("meritorious-service");
        assertThat(review.getString("policy.sha256")).hasSize(64);
        assertThat(review.getString("source.sha256")).hasSize(64);
        assertThat(review.getInt("summary.agreed")).as(review.prettify()).isEqualTo(1);
        assertThat(review.getInt("summary.disagreed")).isEqualTo(2);

        JsonPath relatives = caseAtRow(id, 3);
        assertThat(relatives.getString("outcome")).isEqualTo("DISAGREE");
        assertThat(relatives.getString("recognised")).isEqualTo("MERITORIOUS_SERVICE");
        assertThat(relatives.getString("service")).isEqualTo("NOT_MERITORIOUS");
        assertThat(relatives.getString("decidingFinding.ruleId")).isEqualTo("MS-EXCL-03");
        assertThat(relatives.getString("decidingFinding.legalBasis")).isNotBlank();
        assertThat(relatives.getString("answer.determination")).isEqualTo("NOT_MERITORIOUS");

        JsonPath major = caseAtRow(id, 4);
        assertThat(major.getString("service")).isEqualTo("MERITORIOUS_SERVICE");
        assertThat(major.getString("decidingFinding.ruleId")).isEqualTo("MS-MAJOR-02");

        JsonPath agrees = caseAtRow(id, 5);
        assertThat(agrees.getString("outcome")).isEqualTo("AGREE");
        assertThat(agrees.getString("decidingFinding.ruleId")).isEqualTo("MS-QUAL-01");

        assertThat(review.getInt("summary.byDetermination.find { it.recognised == 'MERITORIOUS_SERVICE' && it.service == 'NOT_MERITORIOUS' }.count")).isEqualTo(1);
        assertThat(review.getInt("summary.byRule.find { it.key == 'MS-EXCL-03' }.disagreed")).isEqualTo(1);
        assertThat(review.getInt("summary.byCrimeType.find { it.key == '盗窃' }.assessed")).isEqualTo(2);

        // the workbook report: summary, one row per case, Chinese headings
        byte[] report = as("auditor").get(REVIEWS + "/" + id + "/report.xlsx").then().statusCode(200).contentType(XLSX)
                .extract().asByteArray();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(report))) {
            DataFormatter f = new DataFormatter();
            assertThat(wb.getSheet("汇总")).isNotNull();
            Sheet perCase = wb.getSheet("逐案");
            assertThat(f.formatCellValue(perCase.getRow(0).getCell(7))).isEqualTo("决定性规则");
            assertThat(perCase.getLastRowNum()).isEqualTo(3);
            assertThat(f.formatCellValue(perCase.getRow(1).getCell(7))).isEqualTo("MS-EXCL-03");
        }
        // the upload itself stays under the review, as received
        byte[] source = as("auditor").get(REVIEWS + "/" + id + "/source").then().statusCode(200).extract().asByteArray();
        assertThat(source).isEqualTo(filled);
        as("auditor").get(REVIEWS + "/" + id + "/report.json").then().statusCode(200)
                .body("cases.size()", equalTo(3)).body("review.id", equalTo(id));
    }

    // ------------------------------------------------------------------------------------------ bad rows

    @Test
    void badRowsAreReportedByRowAndCellWhileTheGoodRowsAreReassessed() {
        String csv = "\uFEFF案件编号,犯罪嫌疑人编号,罪名,有证据证明有犯罪事实,可能判处的刑罚,行为时年龄,社会危险性指标,从宽情节,实际采取的强制措施\n"
                + "caseId,subjectId,crimeType,evidenceOfCrime,expectedSentence,age,dangerIndicators,mitigations,recognised\n"
                // row 3: no danger shown, yet arrested
                + "SR-A-1,S-1,INTENTIONAL_INJURY,是,UP_TO_3_YEARS,30,,,逮捕\n"
                // row 4: ten years or more, arrested: agrees
                + "SR-A-2,S-2,ROBBERY,TRUE,10_YEARS_OR_MORE,40,\"FLIGHT_HISTORY, THREATENED_NEW_CRIME\",,ARREST\n"
                // row 5: unknown crime code
                + "SR-A-3,S-3,JAYWALKING,是,UP_TO_3_YEARS,30,,,BAIL\n"
                // row 6: not a yes/no
                + "SR-A-4,S-4,THEFT,也许,UP_TO_3_YEARS,30,,,BAIL\n"
                // row 7: too young for the law (checked as the endpoint checks it)
                + "SR-A-5,S-5,THEFT,是,UP_TO_3_YEARS,9,,,BAIL\n"
                + "\n"
                // row 9: the recognised measure is missing, an indicator unknown
                + "SR-A-6,S-6,THEFT,是,UP_TO_3_YEARS,30,FLIGHT_HISTORY;NOT_A_CODE,FIRST_OFFENCE,\n";
        String id = upload("auditor", "arrest", "cases.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        JsonPath review = done(id);
        assertThat(review.getInt("progress.total")).isEqualTo(6);
        assertThat(review.getInt("summary.assessed")).isEqualTo(2);
        assertThat(review.getInt("summary.invalid")).isEqualTo(4);

        List<Map<String, Object>> errors = review.getList("rowErrors");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e).containsEntry("row", 5).containsEntry("column", "crimeType").containsEntry("cell", "C5")
                    .containsEntry("value", "JAYWALKING");
            assertThat((String) e.get("reason")).contains("未知代码");
        });
        assertThat(errors).anySatisfy(e -> assertThat(e).containsEntry("row", 6).containsEntry("column", "evidenceOfCrime")
                .containsEntry("cell", "D6"));
        assertThat(errors).anySatisfy(e -> assertThat(e).containsEntry("row", 7).containsEntry("column", "age")
                .containsEntry("cell", "F7"));
        assertThat(errors).anySatisfy(e -> {
            assertThat(e).containsEntry("row", 9).containsEntry("column", "recognised").containsEntry("cell", "I9");
            assertThat((String) e.get("reason")).contains("缺少必填值");
        });
        assertThat(errors).anySatisfy(e -> assertThat(e).containsEntry("row", 9).containsEntry("column", "dangerIndicators")
                .containsEntry("value", "NOT_A_CODE"));

        JsonPath noDanger = caseAtRow(id, 3);
        assertThat(noDanger.getString("outcome")).isEqualTo("DISAGREE");
        assertThat(noDanger.getString("service")).isEqualTo("BAIL");
        assertThat(noDanger.getString("decidingFinding.ruleId")).isEqualTo("ARR-IND-0");
        JsonPath tenYears = caseAtRow(id, 4);
        assertThat(tenYears.getString("outcome")).isEqualTo("AGREE");
        assertThat(tenYears.getString("decidingFinding.ruleId")).isEqualTo("ARR-81-3a");
        assertThat(caseAtRow(id, 5).getString("outcome")).isEqualTo("INVALID");
    }

    @Test
    void anUploadWithoutTheRequiredColumnsIsRefusedAndNamesThem() {
        byte[] csv = "caseId,subjectId\nX,Y\n".getBytes(StandardCharsets.UTF_8);
        RestAssured.given().auth().preemptive().basic("auditor", "auditor").contentType("multipart/form-data")
                .multiPart("file", "x.csv", csv, "text/csv").multiPart("family", "arrest").post(REVIEWS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("review-columns-missing")).body("detail", containsString("recognised"));
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefusedNotCrashedOn() {
        RestAssured.given().auth().preemptive().basic("auditor", "auditor").contentType("multipart/form-data")
                .multiPart("file", "cases.xlsx", "PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.UTF_8), XLSX)
                .multiPart("family", "arrest").post(REVIEWS)
                .then().statusCode(422).contentType("application/problem+json").body("type", containsString("unreadable-upload"));
    }

    // ------------------------------------------------------------------------------------------ JSON

    @Test
    void aJsonSubmissionOfBailCasesComparesTheGuaranteeMethodAndTheCompensationDeposit() {
        Map<String, Object> green = Map.of("caseId", "SR-B-1", "subjectId", "S-1", "crimeType", "INTENTIONAL_INJURY",
                "expectedSentence", "UP_TO_3_YEARS", "age", 35, "dangerColor", "GREEN", "economicStatus", "ORDINARY",
                "guarantorAvailable", false, "recognised", "DEPOSIT");
        Map<String, Object> red = Api.with(green, "caseId", "SR-B-2", "dangerColor", "RED");
        String bail = submitJson("officer", Map.of("family", "bail-deposit", "cases", List.of(green, red)));
        JsonPath review = done(bail);
        assertThat(review.getString("source.format")).isEqualTo("JSON");
        assertThat(review.getInt("summary.agreed")).isEqualTo(1);
        JsonPath redCase = caseAtRow(bail, 2);
        assertThat(redCase.getString("service")).isEqualTo("ARREST");
        assertThat(redCase.getString("decidingFinding.ruleId")).isEqualTo("BAIL-RED-1");

        Map<String, Object> compensation = Map.of("caseId", "SR-C-1", "subjectId", "S-1", "crimeType", "THEFT",
                "expectedSentence", "UP_TO_3_YEARS", "assessedLoss", 8000, "victimReachable", false,
                "victimDemandsExcessive", false, "subjectWilling", true, "recognised", "是");
        Map<String, Object> typo = new java.util.HashMap<>(Api.with(compensation, "caseId", "SR-C-2", "recognized", "否"));
        typo.remove("recognised");
        String comp = submitJson("auditor", Map.of("family", "compensation-deposit", "cases", List.of(compensation, typo)));
        JsonPath compReview = done(comp);
        assertThat(caseAtRow(comp, 1).getString("outcome")).isEqualTo("AGREE");
        assertThat(caseAtRow(comp, 1).getString("service")).isEqualTo("ELIGIBLE");
        assertThat(compReview.getList("rowErrors.column", String.class)).contains("recognized", "recognised");
    }

    // ------------------------------------------------------------------------------------------ roles and limits

    @Test
    void onlyAuditorsAndLegalOfficersMaySubmitOrRead() {
        Map<String, Object> body = Map.of("family", "arrest", "cases", List.of());
        as("case-system").body(body).post(REVIEWS).then().statusCode(403).contentType("application/problem+json");
        as("approver").body(body).post(REVIEWS).then().statusCode(403);
        as("admin").get(REVIEWS).then().statusCode(403);
        as("case-system").get(REVIEWS + "/templates/arrest.xlsx").then().statusCode(403);
        RestAssured.given().get(REVIEWS).then().statusCode(401);
        as("officer").get(REVIEWS).then().statusCode(200);
        as("auditor").get(REVIEWS + "/no-such-review").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void moreCasesThanTheLimitAreRefusedWith413() {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int i = 0; i < 20_001; i++) {
            cases.add(Map.of("caseId", "L" + i));
        }
        as("auditor").body(Map.of("family", "arrest", "cases", cases)).post(REVIEWS).then().statusCode(413)
                .contentType("application/problem+json").body("type", containsString("review-too-many-rows"))
                .body("maxRows", equalTo(20000));
    }

    @Test
    void aFileOverTenMebibytesIsRefusedWith413() {
        byte[] big = new byte[10 * 1024 * 1024 + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        RestAssured.given().auth().preemptive().basic("auditor", "auditor").contentType("multipart/form-data")
                .multiPart("file", "big.csv", big, "text/csv").multiPart("family", "arrest").post(REVIEWS)
                .then().statusCode(413).contentType("application/problem+json");
    }

    // ------------------------------------------------------------------------------------------ apart from live decisions

    @Test
    void reviewRowsDoNotCountInTheLiveAgreementStatistics() {
        JsonPath before = AgreementStatisticsTest.stats();
        Map<String, Object> facts = new java.util.HashMap<>(ArrestRulesTest.CASE);
        facts.put("caseId", "SR-STAT-1");
        facts.put("recognised", "BAIL");
        String id = submitJson("auditor", Map.of("family", "arrest", "cases", List.of(facts, Api.with(facts, "caseId", "SR-STAT-2"))));
        done(id);
        JsonPath after = AgreementStatisticsTest.stats();
        assertThat(after.getLong("assessments")).isEqualTo(before.getLong("assessments"));
        assertThat(after.getLong("decided")).isEqualTo(before.getLong("decided"));
        assertThat(after.getLong("agreed")).isEqualTo(before.getLong("agreed"));
        as("auditor").queryParam("caseId", "SR-STAT-1").get("/api/v1/decisions").then().statusCode(200)
                .body("total", equalTo(0));
    }
}
