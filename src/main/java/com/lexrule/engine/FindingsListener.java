package com.lexrule.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Records every rule that fired and carries a {@code ruleId}. Rules without one are plumbing (phase changes,
 * retractions) and are not findings. One listener per evaluation: it is not shared between threads.
 */
final class FindingsListener extends DefaultAgendaEventListener {
    static final String RULE_ID = "ruleId";
    static final String REASON = "reason";
    static final String BASIS = "basis";

    private final List<Finding> findings = new ArrayList<>();

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Map<String, Object> meta = event.getMatch().getRule().getMetaData();
        Object ruleId = meta.get(RULE_ID);
        if (ruleId == null) {
            return;
        }
        Integer points = null;
        for (Object fact : event.getMatch().getObjects()) {
            if (fact instanceof AwardsPoints awarding && awarding.awardedPoints() != null) {
                points = awarding.awardedPoints();
                break;
            }
        }
        findings.add(new Finding(text(ruleId), text(meta.get(REASON)), text(meta.get(BASIS)), points));
    }

    List<Finding> findings() {
        return findings;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
