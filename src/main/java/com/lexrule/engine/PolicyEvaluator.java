package com.lexrule.engine;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one evaluator for every family: fires a policy version's rules over a case's facts and returns what fired.
 * It keeps nothing itself; the sessions live with the compiled version ({@link CompiledRules}), so they are
 * dropped with it.
 */
@ApplicationScoped
public class PolicyEvaluator {

    /** What the evaluator runs: a compiled policy version, or anything else that carries compiled rules. */
    public interface Evaluable {
        CompiledRules rules();
    }

    public List<Finding> evaluate(Evaluable policy, List<?> facts) {
        return policy.rules().evaluate(facts);
    }
}
