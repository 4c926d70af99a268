package com.lexrule.arrest;

import java.util.Set;

/**
 * The case as the arrest rules see it: the stated facts, plus the crime's statutory maximum from the policy's
 * catalog, since CPL 81 asks what punishment the law allows, not the one a caller hopes for.
 */
public final class ArrestCase {
    private final String crimeType;
    private final boolean evidenceOfCrime;
    private final SentenceBand statedSentence;
    private final SentenceBand statutoryMaximum;
    private final boolean priorIntentionalCrime;
    private final boolean identityUnknown;
    private final int age;
    private final Set<String> dangerIndicators;
    private final Set<String> specialCircumstances;
    private final boolean violatedBailConditions;

    public ArrestCase(ArrestRequest request, SentenceBand statutoryMaximum) {
        this.crimeType = request.crimeType();
        this.evidenceOfCrime = request.evidenceOfCrime();
        this.statedSentence = request.expectedSentence();
        this.statutoryMaximum = statutoryMaximum;
        this.priorIntentionalCrime = Boolean.TRUE.equals(request.priorIntentionalCrime());
        this.identityUnknown = Boolean.TRUE.equals(request.identityUnknown());
        this.age = request.age();
        this.dangerIndicators = Set.copyOf(request.dangerIndicators());
        this.specialCircumstances = Set.copyOf(request.specialCircumstances());
        this.violatedBailConditions = Boolean.TRUE.equals(request.violatedBailConditions());
    }

    public String getCrimeType() { return crimeType; }
    public boolean isEvidenceOfCrime() { return evidenceOfCrime; }
    public String getStatedSentence() { return statedSentence.code(); }
    public String getStatutoryMaximum() { return statutoryMaximum.code(); }
    public boolean isPriorIntentionalCrime() { return priorIntentionalCrime; }
    public boolean isIdentityUnknown() { return identityUnknown; }
    public int getAge() { return age; }
    public Set<String> getDangerIndicators() { return dangerIndicators; }
    public Set<String> getSpecialCircumstances() { return specialCircumstances; }
    public boolean isViolatedBailConditions() { return violatedBailConditions; }

    /** The sentence the rules weigh: the stated one, but never above what the statute allows. */
    public String getSentence() {
        return statedSentence.compareTo(statutoryMaximum) > 0 ? statutoryMaximum.code() : statedSentence.code();
    }

    public boolean isStatedSentenceAboveStatute() {
        return statedSentence.compareTo(statutoryMaximum) > 0;
    }
}
