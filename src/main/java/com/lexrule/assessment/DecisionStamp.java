package com.lexrule.assessment;

import java.time.Instant;

import com.lexrule.policy.PolicyRef;

/** What every answer quotes of its decision: its id in the audit trail, the policy that decided it, and when. */
public record DecisionStamp(String decisionId, PolicyRef policy, Instant decidedAt) {
}
