package com.lexrule.bail;

import java.math.BigDecimal;

/**
 * The case as the bail rules see it: the stated facts, the danger color (stated or taken from an audited arrest
 * decision) and, from the policy's crime catalog, whether the crime is a property crime.
 */
public final class BailCase {
    private final String crimeType;
    private final String sentence;
    private final int age;
    private final int ageAtDecision;
    private final String dangerColor;
    private final String economicStatus;
    private final boolean propertyCrime;
    private final BigDecimal amountInvolved;
    private final boolean guarantorAvailable;
    private final String requestedGuaranteeMethod;

    BailCase(BailDepositRequest request, String dangerColor, boolean propertyCrime) {
        this.crimeType = request.crimeType();
        this.sentence = request.expectedSentence().code();
        this.age = request.age();
        this.ageAtDecision = request.ageAtDecision() == null ? request.age() : request.ageAtDecision();
        this.dangerColor = dangerColor;
        this.economicStatus = request.economicStatus();
        this.propertyCrime = propertyCrime;
        this.amountInvolved = request.amountInvolved();
        this.guarantorAvailable = Boolean.TRUE.equals(request.guarantorAvailable());
        this.requestedGuaranteeMethod = request.requestedGuaranteeMethod();
    }

    public String getCrimeType() { return crimeType; }
    public String getSentence() { return sentence; }
    public int getAge() { return age; }
    /** Decides whether the subject is a minor for bail (BAIL-2022 art. 5 ¶1), with the age bail-deposit.drl states. */
    public int getAgeAtDecision() { return ageAtDecision; }
    public String getDangerColor() { return dangerColor; }
    public String getEconomicStatus() { return economicStatus; }
    public boolean isPropertyCrime() { return propertyCrime; }
    public BigDecimal getAmountInvolved() { return amountInvolved; }
    public boolean isGuarantorAvailable() { return guarantorAvailable; }
    public String getRequestedGuaranteeMethod() { return requestedGuaranteeMethod; }
}
