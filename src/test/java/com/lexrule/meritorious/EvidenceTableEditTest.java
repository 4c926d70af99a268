package com.lexrule.meritorious;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.engine.Finding;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyVersion;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The evidence table is what officers edit; the law's precedence must hold whatever it says. Each test compiles
 * the baseline with an edited table (never published) and decides a case under it.
 */
@QuarkusTest
class EvidenceTableEditTest {

    static final String TABLE = PolicyFile.TABLES + "evidence-requirements.xlsx";
    /** The first data row of the table (one-based row 10), below the header rows officers must not touch. */
    static final int FIRST_DATA_ROW = 9;

    @Inject
    BaselineReader baseline;

    @Inject
    PolicyCompiler compiler;

    @Inject
    AssessmentPipeline pipeline;

    @Inject
    MeritoriousDefinition meritorious;

    @Test
    void a_table_that_asks_nothing_of_a_lead_cannot_make_a_lead_from_a_lawyers_visit_count() {
        CompiledPolicy edited = compileWithTable(sheet -> keepOnlyRowsFor(sheet, "OTHER_CONTRIBUTION"));
        MeritoriousAssessment answer = decide(edited, request("PROVIDED_LEAD", "DETENTION_RULE_BREACH", Verification.VERIFIED));
        assertThat(answer.determination()).isEqualTo("NOT_MERITORIOUS");
        assertThat(answer.findings()).extracting(Finding::ruleId).containsExactly("MS-EXCL-01");
        assertThat(answer.sentencingEffect()).isNull();
    }

    @Test
    void a_table_that_asks_nothing_of_a_lead_cannot_credit_a_lead_still_being_checked() {
        CompiledPolicy edited = compileWithTable(sheet -> keepOnlyRowsFor(sheet, "OTHER_CONTRIBUTION"));
        MeritoriousAssessment answer = decide(edited, request("PROVIDED_LEAD", "OWN_KNOWLEDGE", Verification.PENDING));
        assertThat(answer.determination()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(answer.findings()).extracting(Finding::ruleId).contains("MS-VER-02");
    }

    @Test
    void a_row_whose_description_is_left_blank_still_asks_for_the_item_in_the_catalogs_words() {
        CompiledPolicy edited = compileWithTable(sheet -> {
            for (int r = FIRST_DATA_ROW; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row != null && row.getCell(2) != null && "LEAD_SOURCE_RECORD".equals(row.getCell(2).getStringCellValue())) {
                    row.removeCell(row.getCell(3));
                }
            }
        });
        MeritoriousAssessment answer = decide(edited, request("PROVIDED_LEAD", "OWN_KNOWLEDGE", Verification.VERIFIED));
        assertThat(answer.determination()).isEqualTo("INSUFFICIENT_EVIDENCE");
        assertThat(answer.missingEvidence()).singleElement().satisfies(item -> {
            assertThat(item.code()).isEqualTo("LEAD_SOURCE_RECORD");
            assertThat(item.mustShow()).startsWith("犯罪分子提供线索或者检举揭发的时间");
            assertThat(item.issuer()).isEqualTo("看守所或者办案机关");
        });
    }

    private static MeritoriousRequest request(String claimType, String leadSource, Verification verification) {
        return new MeritoriousRequest("EDIT-1", "S-1", claimType, leadSource, false, null, false, verification, true,
                null, false, List.of("AGENCY_STATEMENT", "VERIFICATION_RECORD"));
    }

    private MeritoriousAssessment decide(CompiledPolicy policy, MeritoriousRequest request) {
        return pipeline.evaluate(meritorious, policy, request, "edit-test", Instant.now());
    }

    private static void keepOnlyRowsFor(Sheet sheet, String claimType) {
        for (int r = sheet.getLastRowNum(); r >= FIRST_DATA_ROW; r--) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(1) != null && !claimType.equals(row.getCell(1).getStringCellValue())) {
                // Rows are deleted as Excel deletes them, the ones below moving up: a blank row ends a table.
                sheet.removeRow(row);
                if (r < sheet.getLastRowNum()) sheet.shiftRows(r + 1, sheet.getLastRowNum(), -1);
            }
        }
    }

    private CompiledPolicy compileWithTable(Consumer<Sheet> edit) {
        PolicyBundle original = baseline.read(MeritoriousFamily.NAME);
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile file : original.files()) {
            files.add(file.name().equals(TABLE) ? new PolicyFile(file.name(), edited(file.content(), edit)) : file);
        }
        PolicyBundle bundle = new PolicyBundle(MeritoriousFamily.NAME, files);
        return compiler.compile(new PolicyVersion(MeritoriousFamily.NAME, 0, bundle.sha256(),
                bundle.manifest().effectiveFrom(), "edited in a test", "test", null), bundle);
    }

    private static byte[] edited(byte[] workbook, Consumer<Sheet> edit) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(workbook));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.accept(book.getSheetAt(0));
            book.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
