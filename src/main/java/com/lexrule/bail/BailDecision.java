package com.lexrule.bail;

/**
 * What the bail rules decide: whether bail is recommended, the one guarantee method (a guarantor or a deposit,
 * never both: CPL 68), and, for a deposit, the amount the deposit tables and the legal minimums produce.
 */
public class BailDecision {
    private boolean bailRecommended = true;
    private String recommendedMeasure = "BAIL";
    private String guaranteeMethod;
    private boolean methodDecided;
    private DepositAmount deposit;

    public boolean isBailRecommended() { return bailRecommended; }
    public void setBailRecommended(boolean bailRecommended) { this.bailRecommended = bailRecommended; }
    public String getRecommendedMeasure() { return recommendedMeasure; }
    public void setRecommendedMeasure(String recommendedMeasure) { this.recommendedMeasure = recommendedMeasure; }
    public String getGuaranteeMethod() { return guaranteeMethod; }
    public void setGuaranteeMethod(String guaranteeMethod) { this.guaranteeMethod = guaranteeMethod; }
    public boolean isMethodDecided() { return methodDecided; }
    public void setMethodDecided(boolean methodDecided) { this.methodDecided = methodDecided; }
    public DepositAmount getDeposit() { return deposit; }
    public void setDeposit(DepositAmount deposit) { this.deposit = deposit; }
}
