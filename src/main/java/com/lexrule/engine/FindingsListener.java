package com.lexrule.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Records every rule that fired and carries a {@code ruleId}. Rules without one are plumbing (phase changes,
 * retractions) and are not findings. One listener serves every call of a knowledge base's shared stateless
 * session: a stateless execution runs on the caller's thread, so the findings are collected per thread.
 */
final class FindingsListener extends DefaultAgendaEventListener {
    static final String RULE_ID = "ruleId";
    static final String REASON = "reason";
    static final String BASIS = "basis";

    private final ThreadLocal<List<Finding>> findings = new ThreadLocal<>();

    void begin() {
        findings.set(new ArrayList<>());
    }

    List<Finding> end() {
        List<Finding> collected = findings.get();
        findings.remove();
        return collected == null ? List.of() : collected;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Map<String, Object> meta = event.getMatch().getRule().getMetaData();
        Object ruleId = meta.get(RULE_ID);
        List<Finding> collected = findings.get();
        if (ruleId == null || collected == null) {
            return;
        }
        Integer points = null;
        for (Object fact : event.getMatch().getObjects()) {
            if (fact instanceof AwardsPoints awarding && awarding.awardedPoints() != null) {
                points = awarding.awardedPoints();
                break;
            }
        }
        collected.add(new Finding(text(ruleId), text(meta.get(REASON)), text(meta.get(BASIS)), points));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
