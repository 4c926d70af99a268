package com.lexrule.review;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.ObjectionCases;

/** The case and family of an objection, for the audit's link of a re-assessment to the objection it answers. */
@ApplicationScoped
public class ReviewedObjections implements ObjectionCases {

    private final DecisionLedger ledger;

    public ReviewedObjections(DecisionLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Optional<Concerned> caseOf(String objectionId) {
        return Optional.ofNullable(Objection.<Objection>findById(objectionId))
                .flatMap(o -> ledger.find(o.decisionId))
                .map(d -> new Concerned(d.caseId(), d.family()));
    }
}
