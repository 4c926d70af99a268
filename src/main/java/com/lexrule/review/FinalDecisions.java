package com.lexrule.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.audit.DecisionLedger;

/**
 * The officers' final decisions on a family's audited decisions of a period: the latest revision of each (a correction
 * replaces what it corrects), for analyses that compare the service's recommendation with what officers decided.
 * The period's decisions come from the audit's {@link DecisionLedger}; the officers' decisions are review's own.
 */
@ApplicationScoped
public class FinalDecisions {

    /** Decisions read from the ledger per step; also bounds the ids of one {@code in} list. */
    private static final int PAGE = 1000;

    /** What the officer finally took on one audited decision. */
    public record Final(String decisionId, String taken) {
    }

    private final DecisionLedger ledger;

    public FinalDecisions(DecisionLedger ledger) {
        this.ledger = ledger;
    }

    /** The final decisions on the family's decisions made from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<Final> of(String family, Instant from, Instant to, int limit) {
        List<Final> finals = new ArrayList<>();
        DecisionLedger.Placed after = null;
        while (finals.size() < limit) {
            List<DecisionLedger.Placed> page = ledger.decidedIn(family, from, to, after, PAGE);
            if (page.isEmpty()) break;
            Map<String, String> taken = latestTaken(page.stream().map(DecisionLedger.Placed::decisionId).toList());
            for (DecisionLedger.Placed p : page) {
                String t = taken.get(p.decisionId());
                if (t != null && finals.size() < limit) finals.add(new Final(p.decisionId(), t));
            }
            if (page.size() < PAGE) break;
            after = page.get(page.size() - 1);
        }
        return finals;
    }

    /** What the latest revision on each of these decisions took; a decision without an officer's decision is absent. */
    private static Map<String, String> latestTaken(List<String> decisionIds) {
        Map<String, String> taken = new HashMap<>();
        // by revision, so that each correction replaces the one it corrects
        OfficerDecision.<OfficerDecision>list("decisionId in ?1 order by revision", decisionIds)
                .forEach(o -> taken.put(o.decisionId, o.taken));
        return taken;
    }
}
