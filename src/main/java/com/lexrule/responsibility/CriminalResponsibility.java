package com.lexrule.responsibility;

import java.util.Set;

/**
 * Whether the person answers for the crime at the age of the act (CL art. 17), as a fact for the rules of every
 * family that assesses a person's liability. The rules decide with it, and first; this class only reads CL 17's
 * bands against the crime's catalog row. Where the answer turns on a fact the request lacks (the outcome of an
 * injury, the SPP's approval for a person of 12–13), it is not guessed: until it is stated, the crime of this person
 * is not established, and the rules name the fact as missing ({@code MissingFacts}).
 */
public final class CriminalResponsibility {

    private final int age;
    private final AgeOfResponsibility crime;
    private final InjuryOutcome injuryOutcome;
    private final Boolean sppApproval;

    public CriminalResponsibility(int age, AgeOfResponsibility crime, InjuryOutcome injuryOutcome, Boolean sppApproval) {
        this.age = age;
        this.crime = crime;
        this.injuryOutcome = injuryOutcome;
        this.sppApproval = sppApproval;
    }

    public int getAge() { return age; }
    public int getMinimumAge() { return crime.minimumAge(); }

    /** CL 17: below the crime's lowest age of responsibility, whatever else is stated. */
    public boolean isBelowMinimumAge() {
        return age < crime.minimumAge();
    }

    private boolean under12To14() {
        return !isBelowMinimumAge() && age < AgeOfResponsibility.RELATIVE_AGE;
    }

    private Set<InjuryOutcome> requiredOutcome() {
        if (isBelowMinimumAge() || age >= AgeOfResponsibility.FULL_AGE) return Set.of();
        return under12To14() ? crime.requiredAt12To13() : crime.requiredAt14To15();
    }

    /** The crime answers at this age only for certain results, and the request does not say which one it caused. */
    public boolean isOutcomeUnknown() {
        return !requiredOutcome().isEmpty() && injuryOutcome == null && !isApprovalRefused();
    }

    /** The stated result is not one for which a person of this age answers (e.g. a light injury at 15). */
    public boolean isOutcomeInsufficient() {
        return !requiredOutcome().isEmpty() && injuryOutcome != null && !requiredOutcome().contains(injuryOutcome);
    }

    /** CL 17 ¶3: a person of 12–13 answers only once the SPP has approved the prosecution; it has refused. */
    public boolean isApprovalRefused() {
        return under12To14() && !isOutcomeInsufficient() && Boolean.FALSE.equals(sppApproval);
    }

    /** CL 17 ¶3: the request does not say whether the SPP has approved the prosecution. */
    public boolean isApprovalUnknown() {
        return under12To14() && !isOutcomeInsufficient() && sppApproval == null;
    }

    /** The person answers for this crime at this age: every condition of CL 17 is stated and met. */
    public boolean isEstablished() {
        return !isBelowMinimumAge() && !isOutcomeUnknown() && !isOutcomeInsufficient() && !isApprovalRefused()
                && !isApprovalUnknown();
    }
}
