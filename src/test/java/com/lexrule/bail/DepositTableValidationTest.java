package com.lexrule.bail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;

import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompilationException;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyVersion;

import io.quarkus.test.junit.QuarkusTest;

/** A bail table an officer edits into something the law forbids does not compile, and the problem names the cell. */
@QuarkusTest
class DepositTableValidationTest {

    private static final String AMOUNTS = "decision-tables/deposit-amounts.xlsx";
    private static final String COMPENSATION = "decision-tables/compensation.xlsx";

    @Inject
    BaselineReader baseline;
    @Inject
    PolicyCompiler compiler;

    private CompiledPolicy compile(PolicyBundle bundle) {
        return compiler.compile(new PolicyVersion("bail", 0, bundle.sha256(), LocalDate.of(2024, 1, 1), null, "test", null), bundle);
    }

    /** The baseline with one cell of one table changed. */
    private PolicyBundle edited(String file, String cell, Consumer<org.apache.poi.ss.usermodel.Cell> edit) throws IOException {
        PolicyBundle original = baseline.read("bail");
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : original.files()) {
            if (!f.name().equals(file)) {
                files.add(f);
                continue;
            }
            try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(f.content()));
                 ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                Sheet sheet = workbook.getSheetAt(0);
                CellReference ref = new CellReference(cell);
                edit.accept(sheet.getRow(ref.getRow()).getCell(ref.getCol()));
                workbook.write(out);
                files.add(new PolicyFile(f.name(), out.toByteArray()));
            }
        }
        return new PolicyBundle("bail", files);
    }

    private void failsAt(PolicyBundle bundle, String file, String cell, String messagePart) {
        assertThatThrownBy(() -> compile(bundle)).isInstanceOf(PolicyCompilationException.class)
                .satisfies(e -> assertThat(((PolicyCompilationException) e).problems())
                        .anySatisfy(p -> {
                            assertThat(p.file()).isEqualTo(file);
                            assertThat(p.cell()).isEqualTo(cell);
                            assertThat(p.message()).contains(messagePart);
                        }));
    }

    @Test
    void the_baseline_bail_policy_compiles_with_every_table_producing_rules() {
        CompiledPolicy policy = compile(baseline.read("bail"));
        assertThat(policy.rulesPerFile()).containsEntry(AMOUNTS, 15).containsEntry(COMPENSATION, 8);
    }

    @Test
    void a_base_amount_below_the_statutory_minimum_of_1000_yuan_fails_naming_the_cell() throws IOException {
        // E10: the minimum base for NO_IMPRISONMENT
        failsAt(edited(AMOUNTS, "E10", c -> c.setCellValue(800)), AMOUNTS, "E10", "起点数额 1000 元");
    }

    @Test
    void a_danger_factor_that_lets_a_red_subject_pay_less_than_a_yellow_one_fails_naming_the_cell() throws IOException {
        // C25: the factor for RED
        failsAt(edited(AMOUNTS, "C25", c -> c.setCellValue(1.2)), AMOUNTS, "C25", "RED");
    }

    @Test
    void a_compensation_multiplier_below_the_assessed_loss_fails_naming_the_cell() throws IOException {
        // E21: the general multiplier
        failsAt(edited(COMPENSATION, "E21", c -> c.setCellValue(0.9)), COMPENSATION, "E21", "小于1");
    }

    @Test
    void a_rounding_mode_java_does_not_know_fails_naming_the_cell() throws IOException {
        // C48: the rounding mode, compiled into the rule
        assertThatThrownBy(() -> compile(edited(AMOUNTS, "C48", c -> c.setCellValue("UPWARDS"))))
                .isInstanceOf(PolicyCompilationException.class)
                .satisfies(e -> assertThat(((PolicyCompilationException) e).problems()).extracting(PolicyProblem::cell).contains("C48"));
    }
}
