package com.lexrule.bail;

import java.util.ArrayList;
import java.util.List;

/** Whether a compensation deposit may be used, its amount once eligible, and what paying it counts as. */
public class CompensationDecision {
    private boolean eligible;
    private CompensationAmount amount;
    private final List<String> effects = new ArrayList<>();

    public boolean isEligible() { return eligible; }
    public void setEligible(boolean eligible) { this.eligible = eligible; }
    public CompensationAmount getAmount() { return amount; }
    public void setAmount(CompensationAmount amount) { this.amount = amount; }
    public List<String> getEffects() { return effects; }

    public void addEffect(String effect) {
        if (!effects.contains(effect)) effects.add(effect);
    }
}
