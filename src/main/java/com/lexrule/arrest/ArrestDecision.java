package com.lexrule.arrest;

/**
 * What the arrest rules decide, written by them as they fire: first the statutory conditions of CPL 81, then,
 * where those leave the question open, the score and its color band, then the measure.
 */
public class ArrestDecision {
    private String legalCategory;
    private String color;
    private String recommendedMeasure;
    private boolean decided;
    private boolean scored;
    private int score;
    private int thresholdOffset;
    private boolean bailBreach;

    public String getLegalCategory() { return legalCategory; }
    public void setLegalCategory(String legalCategory) { this.legalCategory = legalCategory; }
    public String getColor() { return color; }
    public void setColor(String color) { this.color = color; }
    public String getRecommendedMeasure() { return recommendedMeasure; }
    public void setRecommendedMeasure(String recommendedMeasure) { this.recommendedMeasure = recommendedMeasure; }
    public boolean isDecided() { return decided; }
    public void setDecided(boolean decided) { this.decided = decided; }
    public boolean isScored() { return scored; }
    public void setScored(boolean scored) { this.scored = scored; }
    public int getScore() { return score; }
    public void setScore(int score) { this.score = score; }
    public int getThresholdOffset() { return thresholdOffset; }
    public void setThresholdOffset(int thresholdOffset) { this.thresholdOffset = thresholdOffset; }
    public boolean isBailBreach() { return bailBreach; }
    public void setBailBreach(boolean bailBreach) { this.bailBreach = bailBreach; }

    /** Raising the thresholds for a minor is the same as lowering the score that meets them. */
    public int getThresholdScore() { return score - thresholdOffset; }
}
