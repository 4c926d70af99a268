package com.lexrule.bail;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The bail deposit being worked out, present only once a deposit is the guarantee method. The rows of the deposit
 * tables set its base, factors, property-crime share and rounding; a rule then computes the range, and the legal
 * minimums of BAIL-2022 raise it where the tables would leave it below them.
 */
public class DepositAmount {
    private final BailCase theCase;
    private BigDecimal baseMin;
    private BigDecimal baseMax;
    private BigDecimal colorFactor;
    private BigDecimal economicFactor;
    private BigDecimal involvedShare;
    private BigDecimal roundingUnit;
    private RoundingMode roundingMode;
    private BigDecimal min;
    private BigDecimal max;
    private boolean computed;

    public DepositAmount(BailCase theCase) {
        this.theCase = theCase;
    }

    public String getCrimeType() { return theCase.getCrimeType(); }
    public String getSentence() { return theCase.getSentence(); }
    public String getDangerColor() { return theCase.getDangerColor(); }
    public String getEconomicStatus() { return theCase.getEconomicStatus(); }
    public boolean isPropertyCrime() { return theCase.isPropertyCrime(); }
    public BigDecimal getAmountInvolved() { return theCase.getAmountInvolved(); }
    public String getCurrency() { return Money.CURRENCY; }

    public BigDecimal getBaseMin() { return baseMin; }
    public void setBaseMin(BigDecimal baseMin) { this.baseMin = baseMin; }
    public BigDecimal getBaseMax() { return baseMax; }
    public void setBaseMax(BigDecimal baseMax) { this.baseMax = baseMax; }
    public BigDecimal getColorFactor() { return colorFactor; }
    public void setColorFactor(BigDecimal colorFactor) { this.colorFactor = colorFactor; }
    public BigDecimal getEconomicFactor() { return economicFactor; }
    public void setEconomicFactor(BigDecimal economicFactor) { this.economicFactor = economicFactor; }
    public BigDecimal getInvolvedShare() { return involvedShare; }
    public void setInvolvedShare(BigDecimal involvedShare) { this.involvedShare = involvedShare; }
    public BigDecimal getRoundingUnit() { return roundingUnit; }
    public void setRoundingUnit(BigDecimal roundingUnit) { this.roundingUnit = roundingUnit; }
    public RoundingMode getRoundingMode() { return roundingMode; }
    public void setRoundingMode(RoundingMode roundingMode) { this.roundingMode = roundingMode; }
    public BigDecimal getMin() { return min; }
    public BigDecimal getMax() { return max; }
    public boolean isComputed() { return computed; }

    /** Base × danger factor × economic factor; a property crime's minimum not below its share of the amount involved. */
    public void compute() {
        BigDecimal factor = colorFactor.multiply(economicFactor);
        BigDecimal low = baseMin.multiply(factor);
        BigDecimal high = baseMax.multiply(factor);
        if (involvedShare != null && getAmountInvolved() != null) {
            low = low.max(getAmountInvolved().multiply(involvedShare));
        }
        min = Money.round(low, roundingUnit, roundingMode);
        max = Money.round(high.max(low), roundingUnit, roundingMode);
        computed = true;
    }

    /** A legal minimum prevails over whatever the tables gave. */
    public void raiseTo(BigDecimal legalMinimum) {
        min = min.max(legalMinimum);
        max = max.max(min);
    }

    DepositRange range() {
        return new DepositRange(min, max, Money.CURRENCY);
    }
}
