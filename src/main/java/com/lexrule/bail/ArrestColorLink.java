package com.lexrule.bail;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.arrest.ArrestFamily;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.problem.NotFoundProblem;

/**
 * Takes the danger color of a bail request from an audited arrest assessment: the color as it was answered and
 * recorded, not as today's policy would give it. Only a decision of the same case and subject counts; any other
 * is reported as not found, so a case system cannot borrow another subject's color.
 */
@ApplicationScoped
public class ArrestColorLink {

    private final DecisionLedger ledger;

    public ArrestColorLink(DecisionLedger ledger) {
        this.ledger = ledger;
    }

    public String colorOf(String arrestDecisionId, String caseId, String subjectId) {
        DecisionView decision = ledger.find(arrestDecisionId)
                .filter(d -> ArrestFamily.NAME.equals(d.family()) && caseId.equals(d.caseId()) && subjectId.equals(d.subjectId()))
                .orElseThrow(() -> new NotFoundProblem("案件 " + caseId + " 犯罪嫌疑人 " + subjectId + " 没有编号为 " + arrestDecisionId
                        + " 的逮捕评估决定 (no arrest decision " + arrestDecisionId + " for this case and subject)"));
        String color = decision.response().path("color").asText("");
        if (color.isEmpty()) {
            throw new IllegalStateException("recorded arrest decision " + arrestDecisionId + " has no readable color");
        }
        return color;
    }
}
