package com.lexrule.policy.lifecycle;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.problem.ProblemException;

/**
 * The assessment endpoints' evaluators (one per family definition of the assessment pipeline), found by family and
 * endpoint; a family without one is reported, never skipped.
 */
@ApplicationScoped
public class Evaluators {

    private final List<FamilyEvaluator> all;

    @jakarta.inject.Inject
    public Evaluators(FamilyEvaluator.Endpoints endpoints) {
        this(endpoints.all());
    }

    /** Outside CDI (unit tests, benchmarks): exactly these evaluators. */
    public Evaluators(List<FamilyEvaluator> evaluators) {
        this.all = List.copyOf(evaluators);
    }

    public Optional<FamilyEvaluator> forEndpoint(String family, String endpoint) {
        return all.stream().filter(e -> e.family().equals(family) && e.path().equals(endpoint)).findFirst();
    }

    public Optional<FamilyEvaluator> forRequest(String family, JsonNode request) {
        return all.stream().filter(e -> e.family().equals(family) && e.accepts(request)).findFirst();
    }

    public List<FamilyEvaluator> ofFamily(String family) {
        return all.stream().filter(e -> e.family().equals(family)).toList();
    }

    static ProblemException missing(String family, String what) {
        return new ProblemException(422, "no-evaluator", "该政策族尚无评估器 (no evaluator for this family)",
                "政策族 " + family + " 没有评估定义 com.lexrule.assessment.FamilyDefinition，" + what
                        + " (family " + family + " provides no FamilyDefinition bean for this)", List.of(), null);
    }
}
