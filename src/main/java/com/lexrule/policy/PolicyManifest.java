package com.lexrule.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a policy bundle says about itself ({@code rules/<family>/policy.json}): the family it decides, from when it
 * is effective, the legal sources it rests on, and why it changed. The version number is not here: it is assigned
 * when a bundle is published, so the same files can never claim two versions.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyManifest(
        String family,
        String title,
        LocalDate effectiveFrom,
        List<LegalSource> legalSources,
        String changeNote,
        String catalog,
        Counterfactuals counterfactuals,
        Map<String, List<String>> decidingRules) {

    public PolicyManifest {
        legalSources = legalSources == null ? List.of() : List.copyOf(legalSources);
        counterfactuals = counterfactuals == null ? Counterfactuals.NONE : counterfactuals;
        decidingRules = decidingRules == null ? Map.of() : Map.copyOf(decidingRules);
    }

    /**
     * For one assessment endpoint (keyed by its review form's name), the rule ids, or their prefixes, in the
     * precedence the rules apply: of the findings of an answer, the first that matches the first prefix that fired
     * decided it (special review, coverage). It is the rules' precedence, so it is kept with the rules and checked
     * against them when the bundle compiles: every prefix must name a rule of the version.
     */
    public List<String> decidingRules(String endpoint) {
        return decidingRules.getOrDefault(endpoint, List.of());
    }

    /**
     * Which of an answer's findings decided it, by their rule ids in the answer's order: the first that matches the
     * first entry of the endpoint's precedence that any matches, else the last finding; -1 for an answer without
     * findings. The one definition of the deciding rule, for special review and for coverage.
     */
    public int decidingFinding(String endpoint, List<String> ruleIds) {
        for (String prefix : decidingRules(endpoint)) {
            for (int i = 0; i < ruleIds.size(); i++) {
                if (ruleIds.get(i) != null && ruleIds.get(i).startsWith(prefix)) return i;
            }
        }
        return ruleIds.size() - 1;
    }

    /**
     * Which facts of a request a counterfactual search may change, and which the law holds fixed. It is doctrine, so
     * it is the policy's: the search reads it from here and knows no field by name.
     *
     * @param fixed      fields never changed (the crime, the age, the stage: facts the law takes as they are)
     * @param changeable the facts a change may touch, each with its kind
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counterfactuals(List<String> fixed, List<ChangeableFact> changeable) {
        public static final Counterfactuals NONE = new Counterfactuals(List.of(), List.of());

        public Counterfactuals {
            fixed = fixed == null ? List.of() : List.copyOf(fixed);
            changeable = changeable == null ? List.of() : List.copyOf(changeable);
        }
    }

    /**
     * One changeable fact of a request.
     *
     * @param field the request's field
     * @param label its name in Chinese, as a change is shown
     * @param kind  {@code EVIDENCE}: something a person can supply (a document, a guarantor, a payment);
     *              {@code CIRCUMSTANCE}: a fact of the case that an officer can only find, not obtain
     * @param codes for a code or a list of codes, the catalog sheet its values come from
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangeableFact(String field, String label, String kind, String codes) {
    }

    /**
     * A statute, interpretation or local guideline a policy cites, e.g. CPL art. 81. {@code name} is how the rules'
     * legal bases cite it (e.g. 《刑事诉讼法》): every basis names a listed source by it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegalSource(String id, String name, String citation, String articles) {
    }
}
