package com.lexrule.casefile;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.lexrule.audit.AuditChains;
import com.lexrule.support.Insider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The printed assessment report (评估报告) as an officer files it and a court checks it: rendered to PNG pages by
 * poppler's pdftoppm as a reader's viewer would, its text layer read back by PDFBox (the Chinese reasons and legal
 * bases of every finding, the officer's decision, the policy and the verification code), its QR code decoded from
 * the rendered page, and the verification endpoint asked for the code: intact while the record is, not so once an
 * insider changes it, and a clear "no such record" for a code nobody printed.
 */
@QuarkusTest
class AssessmentReportTest {

    static final Path OUT = Path.of("target/reports");

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "lexrule.report.verification-base-url")
    String verificationBase;

    /** The README's arrest example: six findings, points for and against, a minor. */
    static Map<String, Object> arrest(String caseId) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId);
        body.put("subjectId", "S-" + caseId);
        body.put("stage", "ARREST_REVIEW");
        body.put("crimeType", "INTENTIONAL_INJURY");
        body.put("evidenceOfCrime", true);
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("priorIntentionalCrime", false);
        body.put("identityUnknown", false);
        body.put("age", 17);
        body.put("dangerIndicators", List.of("THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY"));
        body.put("mitigations", List.of("PLEADED_GUILTY"));
        body.put("specialCircumstances", List.of());
        body.put("violatedBailConditions", false);
        return body;
    }

    static JsonPath assess(String caseId) {
        return as("case-system").contentType("application/json").body(arrest(caseId))
                .post("/api/v1/assessments/arrest").then().statusCode(200).extract().jsonPath();
    }

    static byte[] report(String decisionId) {
        return as("auditor").get("/api/v1/decisions/" + decisionId + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
    }

    /** The PDF saved under target/reports, and its pages rendered by pdftoppm at 110 dpi. */
    static List<Path> render(byte[] pdf, String name) throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name + ".pdf");
        Files.write(file, pdf);
        Process pdftoppm = new ProcessBuilder("pdftoppm", "-png", "-r", "110", file.toString(), OUT.resolve(name).toString())
                .redirectErrorStream(true).start();
        String output = new String(pdftoppm.getInputStream().readAllBytes());
        assertThat(pdftoppm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pdftoppm.exitValue()).as("pdftoppm: " + output).isZero();
        assertThat(output).as("poppler reads the PDF without complaint").isEmpty();
        List<Path> pages = new ArrayList<>();
        try (var files = Files.list(OUT)) {
            files.filter(p -> p.getFileName().toString().matches(name + "-\\d+\\.png")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Text as PDFBox extracts it, without the spaces and line breaks the layout put in. */
    static String text(PDDocument document) throws IOException {
        return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
    }

    static String squeezed(String s) {
        return s.replaceAll("\\s+", "");
    }

    static String decodeQr(BufferedImage page) throws Exception {
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }

    static double inkShare(BufferedImage page) {
        long dark = 0;
        for (int y = 0; y < page.getHeight(); y += 2) {
            for (int x = 0; x < page.getWidth(); x += 2) {
                if ((page.getRGB(x, y) & 0xff) < 128) dark++;
            }
        }
        return dark / ((page.getHeight() / 2.0) * (page.getWidth() / 2.0));
    }

    @Test
    void theReportShowsEveryFindingWithItsReasonAndLegalBasisAndCarriesAVerifiableCode() throws Exception {
        JsonPath answer = assess("RPT-1");
        String decisionId = answer.getString("decisionId");
        as("officer").contentType("application/json").body(Map.of("taken", "BAIL", "officer", "检察官 王某", "reason", "有固定住处，可以取保候审"))
                .put("/api/v1/decisions/" + decisionId + "/officer-decision").then().statusCode(201);
        JsonPath recorded = as("auditor").get("/api/v1/decisions/" + decisionId).then().statusCode(200).extract().jsonPath();
        String code = recorded.getString("decision.recordHash");

        byte[] pdf = report(decisionId);
        List<Path> pngs = render(pdf, "assessment-report");
        assertThat(pngs).as("one or two A4 pages").hasSizeBetween(1, 2);
        BufferedImage first = ImageIO.read(pngs.get(0).toFile());
        assertThat(first.getWidth()).isLessThan(first.getHeight());
        assertThat(inkShare(first)).as("the page is printed, not blank").isGreaterThan(0.01);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = text(document);
            assertThat(text).contains("评估报告", "RPT-1", "S-RPT-1", "ARREST_REVIEW", decisionId, answer.getString("color"));
            List<Map<String, Object>> findings = answer.getList("findings");
            assertThat(findings).hasSize(6);
            for (Map<String, Object> finding : findings) {
                assertThat(text).as("finding %s", finding.get("ruleId"))
                        .contains(squeezed((String) finding.get("reason")), squeezed((String) finding.get("legalBasis")),
                                (String) finding.get("ruleId"));
                if (finding.get("points") != null) {
                    int points = (Integer) finding.get("points");
                    assertThat(text).contains((points > 0 ? "+" : "") + points + "分");
                }
            }
            // the facts as received, the officer's decision, the exact policy and the code
            assertThat(text).contains("THREATENED_VICTIM_OR_INFORMANT、FLIGHT_HISTORY", "PLEADED_GUILTY",
                    "BAIL（与评估建议不一致）", "检察官王某", "有固定住处，可以取保候审",
                    "arrest（第" + answer.getInt("policy.version") + "版）", answer.getString("policy.sha256"), "生效日期",
                    code.substring(0, 32), code.substring(32), "/api/v1/verification/" + code);
            // the CJK font is embedded, as a subset
            for (var name : document.getPage(0).getResources().getFontNames()) {
                PDFont font = document.getPage(0).getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                assertThat(font.getName()).matches("[A-Z]{6}\\+WenQuanYiZenHei");
            }
        }
        assertThat(pdf.length).as("a subset, not the 16 MB font").isLessThan(200_000);

        // the QR code on the printed page is the verification URL
        String url = decodeQr(ImageIO.read(pngs.get(pngs.size() - 1).toFile()));
        assertThat(url).isEqualTo(verificationBase.replaceAll("/+$", "") + "/api/v1/verification/" + code);

        // any authenticated caller (a court) checks it
        for (String user : List.of("case-system", "officer", "auditor", "chief")) {
            as(user).get("/api/v1/verification/" + code).then().statusCode(200)
                    .body("exists", equalTo(true)).body("intact", equalTo(true))
                    .body("decisionId", equalTo(decisionId)).body("outcome", equalTo(recorded.getString("decision.outcome")))
                    .body("color", equalTo(answer.getString("color")));
        }
        // upper-case hex, as a reader may type it, is the same code
        as("case-system").get("/api/v1/verification/" + code.toUpperCase()).then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aChangedRecordFailsVerificationAndARecomputedHashLeavesThePrintedCodeWithoutARecord() {
        String decisionId = assess("RPT-TAMPER").getString("decisionId");
        Insider insider = new Insider(dataSource, dbKind);
        Map<String, Object> original = insider.rows("select * from decision_record where id = ?", decisionId).get(0);
        String code = (String) original.get("record_hash");
        String chain = AuditChains.decisionChain(((Number) original.get("chain_partition")).intValue());
        Map<String, Object> head = insider.rows("select * from audit_chain where name = ?", chain).get(0);
        as("case-system").get("/api/v1/verification/" + code).then().statusCode(200).body("intact", equalTo(true));
        try {
            // The outcome printed on the report is changed in the database; the hash is left as it was.
            String altered = ((String) original.get("response_json")).replace("\"YELLOW\"", "\"GREEN\"");
            assertThat(altered).isNotEqualTo(original.get("response_json"));
            insider.unguarded(List.of("decision_record"), c -> Insider.execute(c,
                    "update decision_record set response_json = ?, color = ? where id = ?", altered, "GREEN", decisionId));
            JsonPath check = as("case-system").get("/api/v1/verification/" + code).then().statusCode(200).extract().jsonPath();
            assertThat(check.getBoolean("exists")).isTrue();
            assertThat(check.getBoolean("intact")).isFalse();
            assertThat(check.getString("decisionId")).isEqualTo(decisionId);
            assertThat(check.getString("problem")).contains("content altered");
            assertThat(check.getString("outcome")).as("no outcome of an altered record").isNull();
            assertThat(check.getString("color")).isNull();

            // The insider recomputes the hash too (and the head): the printed code names no record any more.
            String recomputed = com.lexrule.audit.RecordHash.of("recomputed", altered);
            insider.unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.execute(c, "update decision_record set record_hash = ? where id = ?", recomputed, decisionId);
                Insider.execute(c, "update audit_chain set last_hash = ? where name = ? and last_hash = ?", recomputed, chain, code);
            });
            as("case-system").get("/api/v1/verification/" + code).then().statusCode(200)
                    .body("exists", equalTo(false)).body("intact", equalTo(false))
                    .body("problem", org.hamcrest.Matchers.containsString("no decision record has this code"));
        } finally {
            insider.unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.restore(c, "decision_record", "id", original);
                Insider.restore(c, "audit_chain", "name", head);
            });
        }
        as("case-system").get("/api/v1/verification/" + code).then().statusCode(200).body("intact", equalTo(true));
        as("auditor").get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void anUnknownCodeIsAClearNoAndAMalformedOneAProblemNamingTheField() {
        as("case-system").get("/api/v1/verification/" + "ab".repeat(32)).then().statusCode(200)
                .body("exists", equalTo(false)).body("intact", equalTo(false)).body("code", equalTo("ab".repeat(32)))
                .body("problem", org.hamcrest.Matchers.containsString("没有与此验证码对应的决定记录"));
        as("case-system").get("/api/v1/verification/not-a-code").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(org.hamcrest.Matchers.endsWith("code")));
        RestAssured.given().get("/api/v1/verification/" + "ab".repeat(32)).then().statusCode(401);
    }

    @Test
    void onlyTheAuditReadersPrintAReportAndAnUnknownDecisionIsNotFound() {
        String decisionId = assess("RPT-ROLES").getString("decisionId");
        as("case-system").get("/api/v1/decisions/" + decisionId + "/report.pdf").then().statusCode(403);
        as("officer").get("/api/v1/decisions/" + decisionId + "/report.pdf").then().statusCode(403);
        RestAssured.given().get("/api/v1/decisions/" + decisionId + "/report.pdf").then().statusCode(401);
        as("auditor").get("/api/v1/decisions/no-such-decision/report.pdf").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        as("auditor").get("/api/v1/cases/NO-SUCH-CASE/timeline.pdf").then().statusCode(404)
                .contentType("application/problem+json");
        as("case-system").get("/api/v1/cases/RPT-ROLES/timeline.pdf").then().statusCode(403);
    }

    @Test
    void theTimelinePrintsEveryEntryInTimeOrder() throws Exception {
        String first = assess("RPT-TL").getString("decisionId");
        as("officer").contentType("application/json").body(Map.of("taken", "BAIL", "officer", "P-1", "reason", "有固定住处"))
                .put("/api/v1/decisions/" + first + "/officer-decision").then().statusCode(201);
        Map<String, Object> second = arrest("RPT-TL");
        second.put("stage", "DETENTION_REVIEW");
        second.put("dangerIndicators", List.of("FLIGHT_HISTORY"));
        as("case-system").contentType("application/json").body(second).post("/api/v1/assessments/arrest").then().statusCode(200);

        byte[] pdf = as("auditor").get("/api/v1/cases/RPT-TL/timeline.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        List<Path> pngs = render(pdf, "case-timeline");
        assertThat(pngs).isNotEmpty();
        assertThat(inkShare(ImageIO.read(pngs.get(0).toFile()))).isGreaterThan(0.01);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = text(document);
            assertThat(text).contains("案件全流程记录", "RPT-TL", "1.评估（arrest·ARREST_REVIEW）", "2.承办人决定",
                    "3.评估（arrest·DETENTION_REVIEW）", "有固定住处", first,
                    "事实dangerIndicators：THREATENED_VICTIM_OR_INFORMANT、FLIGHT_HISTORY→FLIGHT_HISTORY",
                    "不再适用的评估依据：ARR-SCORE-THREATENED_VICTIM_OR_INFORMANT-INTENTIONAL_INJURY");
        }
    }

    @Test
    void theReportFontIsHealthy() {
        RestAssured.given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'report-font' }.status", equalTo("UP"));
    }
}
