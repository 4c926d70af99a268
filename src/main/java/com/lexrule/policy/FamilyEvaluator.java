package com.lexrule.policy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Evaluates the requests of one assessment endpoint, given as the JSON a case system sends, under any compiled
 * policy, without recording a decision. This is what the policy lifecycle (scenario runs, back-tests) and special
 * reviews need of the assessment pipeline; the pipeline ({@code com.lexrule.assessment}) provides one per family
 * definition. It is declared here so that the policy packages depend on neither the pipeline nor the families. A
 * family without a definition can still be drafted and diffed, but its scenarios cannot run and so its drafts cannot
 * be approved.
 */
public interface FamilyEvaluator {

    /** The policy family, as in {@code rules/<family>/policy.json}. */
    String family();

    /** The assessment endpoint whose requests this evaluates, as a scenario file names it in "endpoint". */
    String path();

    /** Whether a stored request (an audited decision's facts) belongs to this endpoint; families with one endpoint accept all. */
    boolean accepts(JsonNode request);

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

    /** Every assessment endpoint's evaluator, as the assessment pipeline provides them. */
    interface Endpoints {
        List<FamilyEvaluator> all();
    }
}
