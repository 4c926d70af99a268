package com.lexrule.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The rules of one policy version, ready to evaluate, and everything an evaluation needs that does not depend on
 * the case: the knowledge base, what each rule reports when it fires, and a few stateful sessions that calls reuse.
 * Setting up a session costs Drools more than matching a case (FACTS: a stateless session per call is ~3 times
 * slower and allocates ~3 times more than a kept session), so a call borrows a session, inserts its facts, fires,
 * deletes every fact again and gives the session back. All of it lives and dies with the compiled version: nothing
 * is keyed by the knowledge base elsewhere, so a version that is evicted or a draft that is dropped is collected.
 */
public final class CompiledRules {

    static final String RULE_ID = "ruleId";
    static final String REASON = "reason";
    static final String BASIS = "basis";

    private final KieBase kieBase;
    /** What each rule with a ruleId reports; rules without one are plumbing (phases, retractions), not findings. */
    private final Map<Rule, Finding> findingOfRule;
    /** Idle sessions. More callers than slots at once get a session of their own, dropped afterwards. */
    private final AtomicReferenceArray<Session> idle;

    public CompiledRules(KieBase kieBase) {
        this(kieBase, 2 * Runtime.getRuntime().availableProcessors());
    }

    public CompiledRules(KieBase kieBase, int keptSessions) {
        this.kieBase = kieBase;
        Map<Rule, Finding> findings = new HashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                Map<String, Object> meta = rule.getMetaData();
                Object ruleId = meta.get(RULE_ID);
                if (ruleId != null) {
                    findings.put(rule, new Finding(text(ruleId), text(meta.get(REASON)), text(meta.get(BASIS)), null));
                }
            }
        }
        this.findingOfRule = Map.copyOf(findings);
        this.idle = new AtomicReferenceArray<>(Math.max(1, keptSessions));
        // One session now, at compile time, so that the first call does not pay for it.
        idle.set(0, new Session());
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** Fires the rules over the facts (which the rules may modify) and returns every finding, in firing order. */
    public List<Finding> evaluate(List<?> facts) {
        Session session = borrow();
        List<Finding> findings;
        try {
            findings = session.run(facts);
        } catch (RuntimeException | Error e) {
            // A session that failed half-way may hold facts or activations: never hand it to another call.
            session.dispose();
            throw e;
        }
        giveBack(session);
        return findings;
    }

    private Session borrow() {
        int slots = idle.length();
        int start = (int) (Thread.currentThread().getId() % slots);
        for (int i = 0; i < slots; i++) {
            Session session = idle.getAndSet((start + i) % slots, null);
            if (session != null) {
                return session;
            }
        }
        return new Session();
    }

    private void giveBack(Session session) {
        int slots = idle.length();
        int start = (int) (Thread.currentThread().getId() % slots);
        for (int i = 0; i < slots; i++) {
            if (idle.compareAndSet((start + i) % slots, null, session)) {
                return;
            }
        }
        session.dispose();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A stateful session used by one call at a time, and the listener that collects that call's findings. */
    private final class Session extends DefaultAgendaEventListener {
        private final KieSession kieSession = kieBase.newKieSession();
        private final List<FactHandle> handles = new ArrayList<>();
        private List<Finding> findings;

        Session() {
            kieSession.addEventListener(this);
        }

        List<Finding> run(List<?> facts) {
            findings = new ArrayList<>();
            for (int i = 0, n = facts.size(); i < n; i++) {
                kieSession.insert(facts.get(i));
            }
            kieSession.fireAllRules();
            List<Finding> fired = findings;
            findings = null;
            clear();
            return fired;
        }

        /** Deletes every fact, those the rules inserted included, so that the next call starts from an empty session. */
        private void clear() {
            handles.addAll(kieSession.getFactHandles());
            for (int i = 0, n = handles.size(); i < n; i++) {
                kieSession.delete(handles.get(i));
            }
            handles.clear();
            // Not fired here: a rule on "not X()" alone must fire in the next call that has no X, as in a new session.
            if (kieSession.getFactCount() != 0) {
                throw new IllegalStateException("a reused rule session was not empty after its facts were deleted");
            }
        }

        void dispose() {
            kieSession.dispose();
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            Finding finding = findingOfRule.get(event.getMatch().getRule());
            if (finding == null || findings == null) {
                return;
            }
            for (Object fact : event.getMatch().getObjects()) {
                if (fact instanceof AwardsPoints awarding && awarding.awardedPoints() != null) {
                    finding = new Finding(finding.ruleId(), finding.reason(), finding.legalBasis(), awarding.awardedPoints());
                    break;
                }
            }
            findings.add(finding);
        }
    }
}
