package com.lexrule.arrest;

import com.lexrule.boundary.LawTerm;

/**
 * The stage of the procedure at which a case is (re-)assessed: 到案后选择强制措施 · 提请逮捕 · 审查逮捕 ·
 * 捕后移送前羁押必要性审查 · 诉后判决前. Each assessment is its own audited decision, linked by case id.
 */
public enum ProcedureStage implements LawTerm {
    ON_ARRIVAL("到案后选择强制措施"),
    ARREST_REQUEST("提请逮捕"),
    ARREST_REVIEW("审查逮捕"),
    DETENTION_REVIEW("捕后羁押必要性审查"),
    PRE_TRIAL("诉后判决前");

    private final String label;

    ProcedureStage(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
