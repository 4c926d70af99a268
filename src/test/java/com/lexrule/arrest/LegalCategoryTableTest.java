package com.lexrule.arrest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompilationException;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;

/**
 * CPL art. 81 knows three legal categories; the color-thresholds table, which officers edit, may write no other.
 * Each test compiles the baseline, or the baseline with one cell edited (never published).
 */
@QuarkusTest
class LegalCategoryTableTest {

    static final String COLORS = PolicyFile.TABLES + "color-thresholds.xlsx";

    @Inject
    BaselineReader baseline;

    @Inject
    PolicyCompiler compiler;

    @Test
    void the_shipped_color_bands_write_only_categories_of_cpl_81() {
        PolicyBundle shipped = baseline.read(ArrestFamily.NAME);
        assertThat(ColorTableCheck.check(shipped)).isEmpty();
        assertThat(compile(shipped).rulesPerFile()).containsKey(COLORS);
    }

    @Test
    void a_color_band_that_writes_a_category_the_law_does_not_know_is_refused_naming_the_cell() {
        // E11: the legal category of the yellow band
        PolicyBundle edited = with(baseline.read(ArrestFamily.NAME), Workbooks.setText(colors(), 0, "E11", "PROBABLE_ARREST"));
        assertThatThrownBy(() -> compile(edited)).isInstanceOfSatisfying(PolicyCompilationException.class, e ->
                assertThat(e.problems()).anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo(COLORS);
                    assertThat(p.cell()).isEqualTo("E11");
                    assertThat(p.message()).contains("PROBABLE_ARREST", "第八十一条");
                }));
    }

    private byte[] colors() {
        return baseline.read(ArrestFamily.NAME).files().stream().filter(f -> f.name().equals(COLORS)).findFirst()
                .orElseThrow().content();
    }

    private static PolicyBundle with(PolicyBundle bundle, byte[] colors) {
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : bundle.files()) {
            files.add(f.name().equals(COLORS) ? new PolicyFile(COLORS, colors) : f);
        }
        return new PolicyBundle(bundle.family(), files);
    }

    private CompiledPolicy compile(PolicyBundle bundle) {
        return compiler.compile(new PolicyVersion(ArrestFamily.NAME, 0, bundle.sha256(), bundle.manifest().effectiveFrom(),
                "edited in a test", "test", null), bundle);
    }
}
