package com.lexrule.bail;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.sentencing.SentenceBand;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.engine.Finding;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.support.Workbooks;

import io.quarkus.test.junit.QuarkusTest;

/** BAIL-17-1's precedence is DRL: a deposit table whose rows outrank every rule still sets no deposit for a child. */
@QuarkusTest
class BailResponsibilityEditTest {

    static final String AMOUNTS = PolicyFile.TABLES + "deposit-amounts.xlsx";

    @Inject
    BaselineReader baseline;

    @Inject
    PolicyCompiler compiler;

    @Inject
    AssessmentPipeline pipeline;

    @Inject
    BailDepositDefinition bailDeposit;

    @Test
    void deposit_rows_at_the_highest_priority_set_no_deposit_for_a_fifteen_year_old_thief() {
        BailDepositAssessment answer = pipeline.evaluate(bailDeposit, compile(edited()), request(15), "edit-test", Instant.now());
        assertThat(answer.recommendedMeasure()).isEqualTo("NO_COERCIVE_MEASURE");
        assertThat(answer.guaranteeMethod()).isNull();
        assertThat(answer.depositAmount()).isNull();
        assertThat(answer.findings()).extracting(Finding::ruleId).containsOnly("BAIL-17-1");
    }

    @Test
    void the_same_table_sets_a_deposit_for_a_sixteen_year_old() {
        BailDepositAssessment answer = pipeline.evaluate(bailDeposit, compile(edited()), request(16), "edit-test", Instant.now());
        assertThat(answer.guaranteeMethod()).isEqualTo("DEPOSIT");
        assertThat(answer.findings()).extracting(Finding::ruleId).doesNotContain("BAIL-17-1");
    }

    private static BailDepositRequest request(int age) {
        return new BailDepositRequest("EDIT-B", "S-B", "THEFT", SentenceBand.UP_TO_3_YEARS, age, "GREEN", null,
                "ORDINARY", new BigDecimal("6000"), false, null, null, null, null);
    }

    /** The UP_TO_3_YEARS base row (row 12) at priority 100000. */
    private PolicyBundle edited() {
        PolicyBundle bundle = baseline.read(BailFamily.NAME);
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : bundle.files()) {
            files.add(f.name().equals(AMOUNTS) ? new PolicyFile(f.name(), Workbooks.setText(f.content(), 0, "D12", "100000")) : f);
        }
        return new PolicyBundle(bundle.family(), files);
    }

    private CompiledPolicy compile(PolicyBundle bundle) {
        return compiler.compile(new PolicyVersion(BailFamily.NAME, 0, bundle.sha256(), bundle.manifest().effectiveFrom(),
                "edited in a test", "test", null), bundle);
    }
}
