package com.lexrule.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.support.Workbooks;

/** The diff names what an officer changed: a table row by its rule id and column, a DRL rule by its id or name. */
class PolicyDiffTest {

    private static final String DRL = "rules/bail-deposit.drl";
    private static final String AMOUNTS = "decision-tables/deposit-amounts.xlsx";
    private final PolicyBundle baseline = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read("bail");

    private PolicyBundle with(String name, UnaryOperator<byte[]> change) {
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : baseline.files()) files.add(f.name().equals(name) ? new PolicyFile(name, change.apply(f.content())) : f);
        return new PolicyBundle("bail", files);
    }

    private List<PolicyDiff.Change> diff(PolicyBundle to) {
        return PolicyDiff.diff(baseline, to, new ObjectMapper());
    }

    @Test
    void aChangedRuleIsNamedByItsRuleIdAsDroolsParsesIt() {
        PolicyBundle edited = with(DRL, drl -> new String(drl, StandardCharsets.UTF_8)
                .replace("BAIL-RED-1 a red code is not recommended for bail\"", "BAIL-RED-1 a red code is not recommended for bail\"\n    // reworded")
                .replace("dangerColor == \"RED\"", "dangerColor == \"RED\" ").getBytes(StandardCharsets.UTF_8));
        assertThat(diff(edited)).filteredOn(c -> c.file().equals(DRL)).extracting(PolicyDiff.Change::key)
                .containsExactly("BAIL-RED-1");
    }

    @Test
    void rulesThatShareAnIdAreToldApartByTheirNames() {
        String name = "BAIL-17-1 the SPP's approval is not stated";
        PolicyBundle edited = with(DRL, drl -> new String(drl, StandardCharsets.UTF_8)
                .replace("rule \"" + name + "\"", "rule \"" + name + " (renamed)\"").getBytes(StandardCharsets.UTF_8));
        assertThat(diff(edited)).filteredOn(c -> c.file().equals(DRL))
                .extracting(PolicyDiff.Change::kind, PolicyDiff.Change::key)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("REMOVED", name),
                        org.assertj.core.groups.Tuple.tuple("ADDED", name + " (renamed)"));
    }

    @Test
    void aChangedAmountIsNamedByItsRowColumnAndCell() {
        PolicyBundle edited = with(AMOUNTS, xlsx -> Workbooks.setNumber(xlsx, 0, "E10", 1500));
        assertThat(diff(edited)).filteredOn(c -> c.file().equals(AMOUNTS)).singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo("CHANGED");
                    assertThat(c.cell()).isEqualTo("E10");
                    assertThat(c.newValue()).isEqualTo("1500");
                });
    }
}
