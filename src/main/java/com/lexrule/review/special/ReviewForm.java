package com.lexrule.review.special;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.PolicyManifest;

/**
 * What a special review of one kind of assessment reads and compares: the columns of its upload (the request's
 * facts and the value the agency recognised), the endpoint whose evaluator re-assesses each row, the service's
 * value to compare the recognised one with, and how the finding that decided the service's answer is chosen.
 *
 * <p>The deciding finding is the first finding, in the answer's order, of the first rule group that fired, in the
 * policy's own precedence ({@code decidingRules} in {@code policy.json}, checked against the rules when the version
 * compiles; {@link PolicyManifest#decidingFinding}), so the rule named is the one that fixed the answer, and the one
 * to look at where the agency recognised something else. A form as declared ({@link ReviewForms}) knows only where
 * its codes and precedence come from; {@link #resolvedWith} reads them from a version.
 */
public record ReviewForm(String name, String family, String endpoint, String title, List<ReviewColumn> columns,
                         ReviewColumn recognised, String comparedField, PolicyManifest precedence) {

    /** This form as a policy version gives it: the recognised codes from its catalog, the precedence from its manifest. */
    ReviewForm resolvedWith(CompiledPolicy policy) {
        ReviewColumn codes = recognised;
        if (recognised.catalog() != null) {
            Map<String, String> values = new LinkedHashMap<>();
            policy.catalog().entries(recognised.catalog()).values().forEach(e -> values.put(e.code(), e.label()));
            codes = new ReviewColumn(recognised.key(), recognised.label(), recognised.type(), null, values,
                    recognised.required(), recognised.inRequest());
        }
        return new ReviewForm(name, family, endpoint, title, columns, codes, comparedField, policy.bundle().manifest());
    }

    public List<ReviewColumn> allColumns() {
        List<ReviewColumn> all = new java.util.ArrayList<>(columns);
        all.add(recognised);
        return all;
    }

    public Optional<ReviewColumn> column(String key) {
        return allColumns().stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** The service's value to compare with the recognised one: a field of the answer, or the evaluator's grade. */
    public String serviceValue(FamilyEvaluator.Evaluation evaluation) {
        if (comparedField == null) {
            return evaluation.grade();
        }
        JsonNode value = evaluation.answer().path(comparedField);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** The finding that decided the answer (see the class comment), or the last finding when no group fired. */
    public Optional<JsonNode> decidingFinding(JsonNode answer) {
        JsonNode findings = answer.path("findings");
        List<String> ids = new ArrayList<>();
        findings.forEach(f -> ids.add(f.path("ruleId").asText("")));
        int deciding = precedence.decidingFinding(name, ids);
        return deciding < 0 ? Optional.empty() : Optional.of(findings.get(deciding));
    }

    public String recognisedLabel(String code) {
        return code == null ? null : recognised.values().getOrDefault(code, code);
    }

    public Map<String, String> recognisedValues() {
        return recognised.values();
    }
}
