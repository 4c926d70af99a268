package com.lexrule.policy.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.problem.ProblemException;

/**
 * A family merged without a FamilyEvaluator can be drafted, but its scenarios and back-tests cannot run: that is
 * said in a 422 problem naming the family, never passed over as "0 scenarios failed". No application needed.
 */
class NoEvaluatorTest {

    static CompiledPolicy policy;

    @BeforeAll
    static void compile() {
        PolicyBundle bundle = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read(ArrestFamily.NAME);
        policy = new PolicyCompiler(List.of(new ArrestFamily())).compile(new PolicyVersion(ArrestFamily.NAME, 0,
                bundle.sha256(), bundle.manifest().effectiveFrom(), null, "test", null), bundle);
    }

    @Test
    void scenariosOfAFamilyWithoutAnEvaluatorAreReportedAsNotRunnable() {
        ScenarioRunner runner = new ScenarioRunner(new Evaluators(List.of()), new ObjectMapper());
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> runner.run(policy));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.slug()).isEqualTo("no-evaluator");
        assertThat(refused.getMessage()).contains("arrest").contains("/api/v1/assessments/arrest");
    }

    @Test
    void aBacktestOfAFamilyWithoutAnEvaluatorIsRefused() {
        Backtester backtester = new Backtester(new Evaluators(List.of()), new ObjectMapper());
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> backtester.run(policy, policy, List.of()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.slug()).isEqualTo("no-evaluator");
    }
}
