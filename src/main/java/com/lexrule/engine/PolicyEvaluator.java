package com.lexrule.engine;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.kie.api.runtime.StatelessKieSession;

import com.lexrule.policy.CompiledPolicy;

/**
 * The one evaluator for every family: a stateless session over the compiled knowledge base of one policy
 * version, with a listener that turns fired rules into findings. The knowledge base is built once per version;
 * nothing here is built per call beyond the session itself.
 */
@ApplicationScoped
public class PolicyEvaluator {

    public List<Finding> evaluate(CompiledPolicy policy, List<?> facts) {
        StatelessKieSession session = policy.kieBase().newStatelessKieSession();
        FindingsListener listener = new FindingsListener();
        session.addEventListener(listener);
        session.execute(facts);
        return List.copyOf(listener.findings());
    }
}
