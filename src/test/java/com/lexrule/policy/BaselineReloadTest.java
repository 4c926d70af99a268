package com.lexrule.policy;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * An officer's edit to a table on disk takes effect without a rebuild or a restart; a broken edit is refused by
 * cell and the last good version keeps serving; a client that pinned the old version keeps its answers.
 */
@QuarkusTest
@TestProfile(BaselineReloadTest.CopiedPolicies.class)
class BaselineReloadTest {

    static final Path ROOT = Path.of("target", "reload-test");
    static final Path POINTS = ROOT.resolve("decision-tables/arrest/danger-points.xlsx");

    /** The service reads a copy of the policies, so this test can edit them. */
    public static class CopiedPolicies implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            copy(Path.of("rules"), ROOT.resolve("rules"));
            copy(Path.of("decision-tables"), ROOT.resolve("decision-tables"));
            return Map.of("lexrule.policy.rules-dir", ROOT.resolve("rules").toString(),
                    "lexrule.policy.tables-dir", ROOT.resolve("decision-tables").toString());
        }
    }

    static final Map<String, Object> CASE = with(ArrestRulesTest.CASE, "caseId", "RELOAD-1", "crimeType", "THEFT",
            "dangerIndicators", List.of("FLIGHT_HISTORY"));

    @Test
    void anEditedTableGoesLiveOnReloadAndAPinnedVersionKeepsItsAnswers() throws IOException {
        JsonPath before = post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200).extract().jsonPath();
        assertThat(before.getInt("policy.version")).isEqualTo(1);
        // One indicator and no mitigation: the score is that indicator's points, whatever the table gives it.
        int points = before.getInt("score");
        int edited = points + 5;

        String cell = "E" + rowOf("FLIGHT_HISTORY");
        byte[] good = Files.readAllBytes(POINTS);
        Files.write(POINTS, Workbooks.setText(good, 0, cell, "thirty-five"));
        as("admin").post("/api/v1/policies/reload").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.cell", hasItem(cell)).body("errors.sheet", hasItem("分值表"))
                .body("detail", containsString("last good version"));
        post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200)
                .body("policy.version", equalTo(1)).body("score", equalTo(points));

        Files.write(POINTS, Workbooks.setNumber(good, 0, cell, edited));
        as("admin").post("/api/v1/policies/reload").then().statusCode(200).body("arrest", equalTo("published version 2"));
        JsonPath after = post("case-system", ArrestRulesTest.PATH, CASE).statusCode(200).extract().jsonPath();
        assertThat(after.getInt("policy.version")).isEqualTo(2);
        assertThat(after.getInt("score")).isEqualTo(edited);
        assertThat(after.getString("policy.sha256")).isNotEqualTo(before.getString("policy.sha256"));

        JsonPath pinned = as("case-system").queryParam("policyVersion", 1).body(CASE).post(ArrestRulesTest.PATH)
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> was = before.getMap("");
        Map<String, Object> is = pinned.getMap("");
        was.remove("decisionId");
        was.remove("decidedAt");
        is.remove("decisionId");
        is.remove("decidedAt");
        assertThat(is).isEqualTo(was);
    }

    static int rowOf(String code) throws IOException {
        byte[] xlsx = Files.readAllBytes(POINTS);
        int[] found = {-1};
        Workbooks.edit(xlsx, wb -> {
            DataFormatter f = new DataFormatter();
            for (Row row : wb.getSheetAt(0)) {
                if (row.getCell(1) != null && code.equals(f.formatCellValue(row.getCell(1))) && row.getCell(2) == null
                        || row.getCell(1) != null && code.equals(f.formatCellValue(row.getCell(1))) && f.formatCellValue(row.getCell(2)).isEmpty()) {
                    found[0] = row.getRowNum() + 1;
                    return;
                }
            }
        });
        return found[0];
    }

    static void copy(Path from, Path to) {
        try {
            if (Files.exists(to)) {
                try (Stream<Path> old = Files.walk(to)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path p : paths.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(target);
                    else Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
