package com.lexrule.arrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.engine.Finding;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompilationException;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.support.Workbooks;
import com.lexrule.sentencing.SentenceBand;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The precedence of CL 17 is law and lives in DRL: no edit of the points or color tables can move it, and the crime
 * catalog, which officers edit, can never make a child answer for more than CL 17 allows, nor misstate a statutory
 * maximum. Each test compiles the baseline with an edited file (never published).
 */
@QuarkusTest
class ResponsibilityPolicyEditTest {

    static final String POINTS = PolicyFile.TABLES + "danger-points.xlsx";
    static final String COLORS = PolicyFile.TABLES + "color-thresholds.xlsx";
    static final String CATALOG = PolicyFile.TABLES + "catalog.xlsx";

    @Inject
    BaselineReader baseline;

    @Inject
    PolicyCompiler compiler;

    @Inject
    AssessmentPipeline pipeline;

    @Inject
    ArrestDefinition arrest;

    @Test
    void tables_that_make_every_score_red_at_the_highest_priority_cannot_arrest_a_fifteen_year_old_for_theft() {
        ArrestAssessment answer = pipeline.evaluate(arrest, compile(redTables()), theftAtFifteen(), "edit-test", Instant.now());
        assertThat(answer.legalCategory()).isEqualTo(LegalCategory.ARREST_CONDITIONS_NOT_MET);
        assertThat(answer.color()).isEqualTo("GREEN");
        assertThat(answer.recommendedMeasure()).isEqualTo("NO_COERCIVE_MEASURE");
        assertThat(answer.findings()).extracting(Finding::ruleId).containsOnly("ARR-17-1");
    }

    @Test
    void the_same_edited_tables_do_arrest_a_sixteen_year_old() {
        ArrestRequest sixteen = new ArrestRequest("EDIT-2", "S-2", ProcedureStage.ARREST_REVIEW, "THEFT", true,
                SentenceBand.UP_TO_3_YEARS, false, false, 16, List.of("DESTROYED_EVIDENCE"), List.of(), List.of(), false, null, null);
        ArrestAssessment answer = pipeline.evaluate(arrest, compile(redTables()), sixteen, "edit-test", Instant.now());
        assertThat(answer.color()).isEqualTo("RED");
        assertThat(answer.findings()).extracting(Finding::ruleId).doesNotContain("ARR-17-1");
    }

    @Test
    void a_points_row_at_any_priority_weighs_nothing_without_evidence_of_a_crime() {
        ArrestRequest noEvidence = new ArrestRequest("EDIT-3", "S-3", ProcedureStage.ARREST_REVIEW, "THEFT", false,
                SentenceBand.UP_TO_3_YEARS, false, false, 30, List.of("DESTROYED_EVIDENCE"), List.of(), List.of(), false, null, null);
        ArrestAssessment answer = pipeline.evaluate(arrest, compile(redTables()), noEvidence, "edit-test", Instant.now());
        assertThat(answer.findings()).extracting(Finding::ruleId).containsExactly("ARR-81-0");
        assertThat(answer.score()).isZero();
    }

    @Test
    void a_catalog_may_not_lower_an_age_below_what_cl_17_knows() {
        // crimeTypes row 4 is THEFT; column F is minimumAge
        PolicyBundle edited = with(baseline.read(ArrestFamily.NAME), CATALOG, xlsx -> sheetText(xlsx, "F4", "13"));
        assertThatThrownBy(() -> compile(edited)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::cell).contains("F4"));
    }

    @Test
    void a_catalog_may_not_make_a_twelve_year_old_answer_for_a_serious_injury_by_ordinary_means() {
        // crimeTypes row 6 is INTENTIONAL_INJURY; column H is harmAt12To13
        PolicyBundle edited = with(baseline.read(ArrestFamily.NAME), CATALOG, xlsx -> sheetText(xlsx, "H6", "DEATH, SERIOUS_INJURY"));
        assertThatThrownBy(() -> compile(edited)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::cell).contains("H6"));
    }

    @Test
    void a_statutory_maximum_of_life_with_a_term_is_refused_as_ambiguous() {
        // crimeTypes row 4 is THEFT (LIFE); column D is maxTermMonths
        PolicyBundle edited = with(baseline.read(ArrestFamily.NAME), CATALOG, xlsx -> sheetText(xlsx, "D4", "120"));
        assertThatThrownBy(() -> compile(edited)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::cell).contains("D4"));
    }

    @Test
    void a_fixed_term_maximum_without_its_months_is_refused() {
        // crimeTypes row 8 is PICKING_QUARRELS (FIXED_TERM, 120 months)
        PolicyBundle edited = with(baseline.read(ArrestFamily.NAME), CATALOG,
                xlsx -> Workbooks.edit(xlsx, wb -> wb.getSheet("crimeTypes").getRow(7).removeCell(wb.getSheet("crimeTypes").getRow(7).getCell(3))));
        assertThatThrownBy(() -> compile(edited)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).extracting(PolicyProblem::cell).contains("D8"));
    }

    /**
     * Destroying evidence weighs 1,000 points at a priority above every DRL rule, and a minor's thresholds fall by
     * 1,000 instead of rising: every minor who destroyed evidence is red.
     */
    private PolicyBundle redTables() {
        return with(with(baseline.read(ArrestFamily.NAME),
                        POINTS, xlsx -> Workbooks.setNumber(Workbooks.setText(xlsx, 0, "D19", "100000"), 0, "E19", 1000)),
                COLORS, xlsx -> Workbooks.setNumber(xlsx, 0, "C19", -1000));
    }

    private static ArrestRequest theftAtFifteen() {
        return new ArrestRequest("EDIT-1", "S-1", ProcedureStage.ARREST_REVIEW, "THEFT", true, SentenceBand.TEN_YEARS_OR_MORE,
                true, true, 15, List.of("DESTROYED_EVIDENCE", "FLIGHT_HISTORY"), List.of(), List.of(), true, null, null);
    }

    private static byte[] sheetText(byte[] xlsx, String ref, String value) {
        return Workbooks.edit(xlsx, wb -> {
            org.apache.poi.ss.util.CellReference at = new org.apache.poi.ss.util.CellReference(ref);
            var row = wb.getSheet("crimeTypes").getRow(at.getRow());
            var cell = row.getCell(at.getCol());
            if (cell == null) cell = row.createCell(at.getCol());
            cell.setCellValue(value);
        });
    }

    private static PolicyBundle with(PolicyBundle bundle, String name, UnaryOperator<byte[]> change) {
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : bundle.files()) {
            files.add(f.name().equals(name) ? new PolicyFile(name, change.apply(f.content())) : f);
        }
        return new PolicyBundle(bundle.family(), files);
    }

    private CompiledPolicy compile(PolicyBundle bundle) {
        return compiler.compile(new PolicyVersion(ArrestFamily.NAME, 0, bundle.sha256(), bundle.manifest().effectiveFrom(),
                "edited in a test", "test", null), bundle);
    }
}
