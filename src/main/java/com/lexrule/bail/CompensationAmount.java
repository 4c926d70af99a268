package com.lexrule.bail;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The compensation deposit being worked out: the assessed loss times the policy's multiplier, rounded as it says. */
public class CompensationAmount {
    private final CompensationCase theCase;
    private BigDecimal lossMultiplier;
    private BigDecimal roundingUnit;
    private RoundingMode roundingMode;
    private BigDecimal amount;
    private boolean computed;

    public CompensationAmount(CompensationCase theCase) {
        this.theCase = theCase;
    }

    public String getCrimeType() { return theCase.getCrimeType(); }
    public BigDecimal getAssessedLoss() { return theCase.getAssessedLoss(); }
    public String getCurrency() { return Money.CURRENCY; }
    public BigDecimal getLossMultiplier() { return lossMultiplier; }
    public void setLossMultiplier(BigDecimal lossMultiplier) { this.lossMultiplier = lossMultiplier; }
    public BigDecimal getRoundingUnit() { return roundingUnit; }
    public void setRoundingUnit(BigDecimal roundingUnit) { this.roundingUnit = roundingUnit; }
    public RoundingMode getRoundingMode() { return roundingMode; }
    public void setRoundingMode(RoundingMode roundingMode) { this.roundingMode = roundingMode; }
    public BigDecimal getAmount() { return amount; }
    public boolean isComputed() { return computed; }

    public void compute() {
        amount = Money.round(getAssessedLoss().multiply(lossMultiplier), roundingUnit, roundingMode);
        computed = true;
    }
}
