package com.lexrule.assessment;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRef;

/**
 * What would change a decision's outcome: the smallest sets of changes of its changeable facts, each evaluated by
 * this pipeline under the deciding version. The search itself is {@code insight}'s; the pipeline reaches it through
 * {@link Search} so that an assessment may carry its counterfactuals ({@code ?counterfactuals=true}) without the
 * pipeline depending on the package that searches.
 */
public final class Counterfactuals {

    private Counterfactuals() {
    }

    /** The search, a port this package declares and {@code insight} implements. */
    public interface Search {
        /** The counterfactuals of a request (as the endpoint received it, as JSON) under the policy that decides it. */
        <R, A> Report search(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode request);
    }

    /** One change of one fact: a yes/no fact set, a code set, or a code added to or removed from a list. */
    public record Change(String field, String fieldLabel, Operation operation, String value, String valueLabel,
                         String kind) {
    }

    public enum Operation { SET, ADD, REMOVE }

    /** A set of changes that together change the outcome, with the outcome they give and the rules that move. */
    public record Alternative(List<Change> changes, String outcome, String grade, List<String> rulesThatStartFiring,
                              List<String> rulesThatStopFiring, boolean onlyEvidence, boolean verified) {
    }

    /**
     * @param exhaustive false when the evaluation bound cut the search before every set of its size was tried
     * @param more       alternatives of the smallest size found beyond those listed
     */
    public record Report(PolicyRef policy, String outcome, String grade, int maxChanges, int evaluations,
                         boolean exhaustive, List<Alternative> alternatives, int more, List<String> heldFixed,
                         String note) {
    }
}
