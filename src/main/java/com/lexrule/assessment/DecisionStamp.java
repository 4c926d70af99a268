package com.lexrule.assessment;

import java.time.Instant;

import com.lexrule.policy.PolicyRef;

/**
 * What every answer quotes of its decision: its id in the audit trail, the policy that decided it, and when. A dry
 * run (a client's integration test, a scenario, a back-test) has no id: it is never recorded. The counterfactuals
 * are there only when the call asked for them ({@code ?counterfactuals=true}), else null and left out of the answer.
 */
public record DecisionStamp(String decisionId, PolicyRef policy, Instant decidedAt, Counterfactuals.Report counterfactuals) {

    public DecisionStamp(String decisionId, PolicyRef policy, Instant decidedAt) {
        this(decisionId, policy, decidedAt, null);
    }

    /** Whether this answer is (about to be) an audited decision. */
    public boolean recorded() {
        return decisionId != null;
    }
}
