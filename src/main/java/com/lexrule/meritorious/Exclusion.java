package com.lexrule.meritorious;

/**
 * A ground that bars the claim from being meritorious service whatever else is shown. Every exclusion that
 * applies is recorded (each is a finding), and any one of them decides.
 */
public record Exclusion(String ruleId) {
    public String getRuleId() { return ruleId; }
}
