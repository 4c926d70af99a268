package com.lexrule.meritorious;

import java.util.Set;

/**
 * The claimed service as the rules see it: the stated facts, with absent yes/no facts read as not established and
 * an absent verification as pending, since CL art. 68 credits only a lead that has been found true.
 */
public final class MeritClaim {
    /** The one claim type the intake itself must know: it requires an assistance kind. */
    static final String ASSISTED_CAPTURE = "ASSISTED_CAPTURE";

    private final String claimType;
    private final String leadSource;
    private final boolean concernsOwnJointCrime;
    private final String assistanceKind;
    private final boolean alreadyKnownToAuthorities;
    private final Verification verification;
    private final boolean practicalEffect;
    private final OtherPersonSentence otherPersonLikelySentence;
    private final boolean majorInfluence;
    private final Set<String> evidenceItems;

    public MeritClaim(MeritoriousRequest request) {
        this.claimType = request.claimType();
        this.leadSource = request.leadSource();
        this.concernsOwnJointCrime = Boolean.TRUE.equals(request.concernsOwnJointCrime());
        this.assistanceKind = request.assistanceKind();
        this.alreadyKnownToAuthorities = Boolean.TRUE.equals(request.alreadyKnownToAuthorities());
        this.verification = request.verification() == null ? Verification.PENDING : request.verification();
        this.practicalEffect = Boolean.TRUE.equals(request.practicalEffect());
        this.otherPersonLikelySentence = request.otherPersonLikelySentence();
        this.majorInfluence = Boolean.TRUE.equals(request.majorInfluence());
        this.evidenceItems = Set.copyOf(request.evidenceItems());
    }

    public String getClaimType() { return claimType; }
    public String getLeadSource() { return leadSource; }
    public boolean isConcernsOwnJointCrime() { return concernsOwnJointCrime; }
    public String getAssistanceKind() { return assistanceKind; }
    public boolean isAlreadyKnownToAuthorities() { return alreadyKnownToAuthorities; }
    public String getVerification() { return verification.name(); }
    public boolean isPracticalEffect() { return practicalEffect; }
    public String getOtherPersonLikelySentence() {
        return otherPersonLikelySentence == null ? null : otherPersonLikelySentence.name();
    }
    public boolean isMajorInfluence() { return majorInfluence; }
    public Set<String> getEvidenceItems() { return evidenceItems; }
}
