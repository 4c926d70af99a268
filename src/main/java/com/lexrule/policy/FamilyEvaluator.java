package com.lexrule.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Evaluates a request of one family, given as the JSON a case system sends, under any compiled policy, without
 * recording a decision. The policy lifecycle uses it to run a draft's scenarios and to back-test a draft against
 * audited requests, so each family provides one bean per assessment endpoint. A family without one can still be
 * drafted and diffed, but its scenarios cannot run and so its drafts cannot be approved.
 */
public interface FamilyEvaluator {

    /** The policy family, as in {@code rules/<family>/policy.json}. */
    String family();

    /** The assessment endpoint whose requests this evaluates, as a scenario file names it in "endpoint". */
    String path();

    /** Whether a stored request (an audited decision's facts) belongs to this endpoint; families with one endpoint keep the default. */
    default boolean accepts(JsonNode request) {
        return true;
    }

    /**
     * The answer exactly as the endpoint would give it (findings included), and its outcome summary.
     *
     * @throws jakarta.validation.ConstraintViolationException when the request is invalid
     * @throws UnknownCodeException when it uses codes the policy does not know
     */
    Evaluation evaluate(CompiledPolicy policy, JsonNode request);

    /**
     * One evaluation: {@code answer} is the REST answer as JSON; {@code outcome} the summary the audit trail keeps
     * (e.g. {@code MAY_ARREST/YELLOW/ARREST}); {@code grade} the single value officers compare first (the arrest
     * color, the meritorious-service determination), used for transitions such as YELLOW→RED.
     */
    record Evaluation(JsonNode answer, String outcome, String grade) {
    }
}
