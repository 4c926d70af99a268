package com.lexrule.arrest;

import java.util.Set;
import com.lexrule.sentencing.SentenceBand;

/**
 * The case as the arrest rules see it: the stated facts, plus the crime's statutory maximum from the policy's
 * catalog, since CPL 81 asks what punishment the law allows, not the one a caller hopes for.
 *
 * <p>{@code evidenceOfCrime} is CPL 81 ¶1's 有证据证明有犯罪事实 for this person: the stated evidence, and only while
 * the person answers for the crime at the age of the act (CL 17). A person who does not has no crime to be arrested
 * for, so no danger is weighed and no ground of CPL 81 applies; ARR-17-1 says why, ARR-81-0 only where the evidence
 * itself is lacking ({@code statedEvidenceOfCrime}).
 */
public final class ArrestCase {
    private final String crimeType;
    private final boolean statedEvidenceOfCrime;
    private final boolean responsible;
    private final SentenceBand statedSentence;
    private final SentenceBand statutoryMaximum;
    private final boolean priorIntentionalCrime;
    private final boolean identityUnknown;
    private final int age;
    private final Set<String> dangerIndicators;
    private final Set<String> specialCircumstances;
    private final boolean violatedBailConditions;

    public ArrestCase(ArrestRequest request, SentenceBand statutoryMaximum, boolean responsible) {
        this.crimeType = request.crimeType();
        this.statedEvidenceOfCrime = request.evidenceOfCrime();
        this.responsible = responsible;
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
    public boolean isStatedEvidenceOfCrime() { return statedEvidenceOfCrime; }
    public boolean isEvidenceOfCrime() { return statedEvidenceOfCrime && responsible; }
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
