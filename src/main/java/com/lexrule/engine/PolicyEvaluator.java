package com.lexrule.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

import com.lexrule.policy.CompiledPolicy;

/**
 * The one evaluator for every family: a stateless session over the compiled knowledge base of one policy
 * version, with a listener that turns fired rules into findings. Session set-up is most of Drools' cost per call,
 * so each knowledge base gets one thread-safe stateless session, built on first use and shared by every call.
 */
@ApplicationScoped
public class PolicyEvaluator {

    private record SharedSession(StatelessKieSession session, FindingsListener listener) {
    }

    private final Map<KieBase, SharedSession> sessions = new ConcurrentHashMap<>();

    public List<Finding> evaluate(CompiledPolicy policy, List<?> facts) {
        SharedSession shared = sessions.computeIfAbsent(policy.kieBase(), PolicyEvaluator::open);
        shared.listener().begin();
        try {
            shared.session().execute(facts);
            return List.copyOf(shared.listener().end());
        } catch (RuntimeException e) {
            shared.listener().end();
            throw e;
        }
    }

    private static SharedSession open(KieBase kieBase) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        FindingsListener listener = new FindingsListener();
        session.addEventListener(listener);
        return new SharedSession(session, listener);
    }
}
