package com.lexrule.meritorious;

/**
 * Present only once a claim has passed the exclusions, is not found untrue and has not failed for lack of
 * practical effect: the evidence table's rows match it, so that no row can weigh an excluded claim.
 */
public record EvidenceReview(String claimType) {
    public String getClaimType() { return claimType; }
}
