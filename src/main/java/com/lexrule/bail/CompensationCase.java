package com.lexrule.bail;

import java.math.BigDecimal;

import com.lexrule.sentencing.SentenceBand;

/**
 * The case as the compensation-deposit rules see it. The eligibility table marks it as on the list when a row
 * for its crime type admits its likely sentence.
 */
public class CompensationCase {
    private final String crimeType;
    private final SentenceBand sentence;
    private final BigDecimal assessedLoss;
    private final boolean victimReachable;
    private final boolean victimDemandsExcessive;
    private final boolean subjectWilling;
    private boolean onEligibleList;

    CompensationCase(CompensationDepositRequest request) {
        this.crimeType = request.crimeType();
        this.sentence = request.expectedSentence();
        this.assessedLoss = request.assessedLoss();
        this.victimReachable = !Boolean.FALSE.equals(request.victimReachable());
        this.victimDemandsExcessive = Boolean.TRUE.equals(request.victimDemandsExcessive());
        this.subjectWilling = Boolean.TRUE.equals(request.subjectWilling());
    }

    public String getCrimeType() { return crimeType; }
    public String getSentence() { return sentence.code(); }
    public BigDecimal getAssessedLoss() { return assessedLoss; }
    public boolean isVictimReachable() { return victimReachable; }
    public boolean isVictimDemandsExcessive() { return victimDemandsExcessive; }
    public boolean isSubjectWilling() { return subjectWilling; }
    public boolean isOnEligibleList() { return onEligibleList; }
    public void setOnEligibleList(boolean onEligibleList) { this.onEligibleList = onEligibleList; }

    /** Whether the likely sentence is no heavier than the band a table row names (an unknown band admits none). */
    public boolean sentenceAtMost(String band) {
        SentenceBand limit = SentenceBand.ofCode(band);
        return limit != null && sentence.compareTo(limit) <= 0;
    }
}
