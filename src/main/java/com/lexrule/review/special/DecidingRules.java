package com.lexrule.review.special;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.audit.DecidingRule;

/**
 * The deciding rule of an audited answer, by the special review's own definition ({@link ReviewForm#decidingFinding}),
 * for the audit's coverage rollup. A family with two endpoints (bail) has two forms; an answer is read with the form
 * whose rule groups its findings belong to.
 */
@ApplicationScoped
public class DecidingRules implements DecidingRule {

    private final ReviewForms forms;

    public DecidingRules(ReviewForms forms) {
        this.forms = forms;
    }

    @Override
    public Optional<String> of(String family, JsonNode answer) {
        List<ReviewForm> ofFamily = forms.all().stream().filter(f -> f.family().equals(family)).toList();
        ReviewForm form = ofFamily.stream().filter(f -> speaksOf(f, answer)).findFirst()
                .orElse(ofFamily.isEmpty() ? null : ofFamily.get(0));
        if (form == null) return Optional.empty();
        return form.decidingFinding(answer).map(f -> f.path("ruleId").asText(null));
    }

    private static boolean speaksOf(ReviewForm form, JsonNode answer) {
        for (JsonNode finding : answer.path("findings")) {
            String id = finding.path("ruleId").asText("");
            if (form.decidingOrder().stream().anyMatch(id::startsWith)) return true;
        }
        return false;
    }
}
