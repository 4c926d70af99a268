package com.lexrule.arrest;

/**
 * The stage of the procedure at which a case is (re-)assessed: 到案后选择强制措施 · 提请逮捕 · 审查逮捕 ·
 * 捕后移送前羁押必要性审查 · 诉后判决前. Each assessment is its own audited decision, linked by case id.
 */
public enum ProcedureStage {
    ON_ARRIVAL, ARREST_REQUEST, ARREST_REVIEW, DETENTION_REVIEW, PRE_TRIAL
}
