package com.lexrule.arrest;

/**
 * The score a color-band row is matched against, present only when no statutory condition has decided the case.
 * The matching row writes its color, category and measure here; a rule then applies them to the decision.
 */
public class ColorScore {
    private final ArrestDecision decision;
    private final int value;
    private String color;
    private String legalCategory;
    private String measure;

    public ColorScore(ArrestDecision decision, int value) {
        this.decision = decision;
        this.value = value;
    }

    public ArrestDecision getDecision() { return decision; }
    public int getValue() { return value; }
    public String getColor() { return color; }
    public void setColor(String color) { this.color = color; }
    public String getLegalCategory() { return legalCategory; }
    public void setLegalCategory(String legalCategory) { this.legalCategory = legalCategory; }
    public String getMeasure() { return measure; }
    public void setMeasure(String measure) { this.measure = measure; }
}
