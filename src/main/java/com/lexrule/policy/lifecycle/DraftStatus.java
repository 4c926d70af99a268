package com.lexrule.policy.lifecycle;

/**
 * Where a draft stands. A draft that does not compile is kept as INVALID, with its errors, so the officer and the
 * approver see what was tried; only a VALID draft can be approved. APPROVED and REJECTED are final.
 */
public enum DraftStatus {
    VALID, INVALID, APPROVED, REJECTED
}
