package com.lexrule.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.support.Workbooks;
import com.lexrule.policy.table.PolicyProblem;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A broken policy is reported so that an officer can act on it: by file, sheet and cell for a spreadsheet, by
 * line for DRL, all problems at once.
 */
@QuarkusTest
class PolicyCompilerTest {

    static final String POINTS = "decision-tables/danger-points.xlsx";
    static final String COLORS = "decision-tables/color-thresholds.xlsx";
    static final String CATALOG = "decision-tables/catalog.xlsx";
    static final String RULES = "rules/arrest-conditions.drl";

    @Inject
    PolicyCompiler compiler;

    @Inject
    BaselineReader baseline;

    PolicyBundle arrest() {
        return baseline.read("arrest");
    }

    PolicyBundle withFile(PolicyBundle bundle, String name, UnaryOperator<byte[]> change) {
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : bundle.files()) {
            files.add(f.name().equals(name) ? new PolicyFile(name, change.apply(f.content())) : f);
        }
        return new PolicyBundle(bundle.family(), files);
    }

    CompiledPolicy compile(PolicyBundle bundle) {
        return compiler.compile(new PolicyVersion("arrest", 0, bundle.sha256(), bundle.manifest().effectiveFrom(), null, "test", null), bundle);
    }

    @Test
    void theBaselineCompilesAndEveryTableProducesItsRules() {
        CompiledPolicy policy = compile(arrest());
        assertThat(policy.rulesPerFile()).containsEntry(POINTS, 36).containsEntry(COLORS, 4).containsKey(RULES);
        assertThat(policy.rulesPerFile()).doesNotContainKey(CATALOG);
        assertThat(policy.catalog().entries("crimeTypes")).containsKey("DANGEROUS_DRIVING");
    }

    @Test
    void aVersionThatDiffersOnlyInItsDateAndNoteCompilesToTheSameKnowledgeBaseAndAnotherTableDoesNot() {
        PolicyBundle baseline = arrest();
        PolicyBundle redated = withFile(baseline, PolicyFile.MANIFEST, json -> new String(json, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"effectiveFrom\": \"2024-01-01\"", "\"effectiveFrom\": \"2030-01-01\", \"changeNote\": \"rollback\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(redated.manifest().effectiveFrom()).isEqualTo(java.time.LocalDate.of(2030, 1, 1));
        assertThat(redated.sha256()).isNotEqualTo(baseline.sha256());
        // what a replica relabels instead of compiling again (PolicyRegistry.reuseOrCompile)
        assertThat(redated.compileSha256()).isEqualTo(baseline.compileSha256());
        PolicyBundle otherPoints = withFile(baseline, POINTS, xlsx -> Workbooks.setNumber(xlsx, 0, "E10", 7));
        assertThat(otherPoints.compileSha256()).isNotEqualTo(baseline.compileSha256());
    }

    @Test
    void aPointsCellThatIsNotANumberIsReportedAtItsCell() {
        PolicyBundle broken = withFile(arrest(), POINTS, xlsx -> Workbooks.setText(xlsx, 0, "E10", "forty"));
        assertThatThrownBy(() -> compile(broken)).isInstanceOfSatisfying(PolicyCompilationException.class, e -> {
            assertThat(e.problems()).isNotEmpty();
            PolicyProblem problem = e.problems().get(0);
            assertThat(problem.file()).isEqualTo(POINTS);
            assertThat(problem.sheet()).isEqualTo("分值表");
            assertThat(problem.row()).isEqualTo(10);
            assertThat(problem.cell()).isEqualTo("E10");
        });
    }

    @Test
    void aConditionOnAFieldTheFactDoesNotHaveIsReportedAtItsRow() {
        PolicyBundle broken = withFile(arrest(), COLORS, xlsx -> Workbooks.setText(xlsx, 0, "C8", "valu < $param"));
        assertThatThrownBy(() -> compile(broken)).isInstanceOfSatisfying(PolicyCompilationException.class, e -> {
            assertThat(e.problems()).extracting(PolicyProblem::file).contains(COLORS);
            assertThat(e.problems()).extracting(PolicyProblem::row).contains(11, 12);
        });
    }

    @Test
    void aPrecedenceThatNamesNoRuleOfTheVersionIsRefusedInTheManifest() {
        PolicyBundle broken = withFile(arrest(), PolicyFile.MANIFEST, json -> new String(json, StandardCharsets.UTF_8)
                .replace("\"ARR-74-1\"", "\"ARR-74-9\"").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> compile(broken)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.file()).isEqualTo(PolicyFile.MANIFEST);
                    assertThat(p.message()).contains("decidingRules.arrest", "ARR-74-9");
                }));
        assertThat(compile(arrest()).bundle().manifest().decidingRules("arrest")).startsWith("ARR-17-1");
    }

    @Test
    void aDrlSyntaxErrorIsReportedWithItsFileAndLine() {
        PolicyBundle broken = withFile(arrest(), RULES, drl -> new String(drl, StandardCharsets.UTF_8)
                .replace("modify($d) { setBailBreach(true) }", "modify($d) { setBailBreach(true) ").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> compile(broken)).isInstanceOfSatisfying(PolicyCompilationException.class, e -> {
            assertThat(e.problems()).extracting(PolicyProblem::file).contains(RULES);
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.line()).isNotNull());
        });
    }

    @Test
    void aCatalogCrimeWithoutAValidStatutoryMaximumIsReportedAtItsCell() {
        PolicyBundle broken = withFile(arrest(), CATALOG, xlsx -> Workbooks.setText(xlsx, 0, "C3", "FOREVER"));
        assertThatThrownBy(() -> compile(broken)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo(CATALOG);
                    assertThat(p.sheet()).isEqualTo("crimeTypes");
                    assertThat(p.cell()).isEqualTo("C3");
                }));
    }

    @Test
    void aTableWhoseRuleTableMarkerIsGoneIsRefusedNotSilentlySkipped() {
        PolicyBundle broken = withFile(arrest(), COLORS, xlsx -> Workbooks.setText(xlsx, 0, "B5", "三色码阈值"));
        assertThatThrownBy(() -> compile(broken)).isInstanceOf(PolicyCompilationException.class);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        PolicyBundle broken = withFile(withFile(arrest(), POINTS, xlsx -> Workbooks.setText(xlsx, 0, "E10", "forty")),
                CATALOG, xlsx -> Workbooks.setText(xlsx, 0, "C3", "FOREVER"));
        assertThatThrownBy(() -> compile(broken)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::file).contains(POINTS, CATALOG));
    }

    @Test
    void theHashChangesWithAnyEditAndOnlyThen() {
        PolicyBundle original = arrest();
        assertThat(arrest().sha256()).isEqualTo(original.sha256());
        PolicyBundle edited = withFile(original, POINTS, xlsx -> Workbooks.setNumber(xlsx, 0, "E10", 41));
        assertThat(edited.sha256()).isNotEqualTo(original.sha256()).matches("[0-9a-f]{64}");
    }
}
