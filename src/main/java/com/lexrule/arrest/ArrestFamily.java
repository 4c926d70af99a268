package com.lexrule.arrest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.policy.CellName;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFamily;
import com.lexrule.policy.PolicyProblem;

/** The arrest family's catalogs: every crime type must state its statutory maximum as a sentence band. */
@ApplicationScoped
public class ArrestFamily implements PolicyFamily {
    public static final String NAME = "arrest";
    static final String CRIME_TYPES = "crimeTypes";
    static final String DANGER_INDICATORS = "dangerIndicators";
    static final String MITIGATIONS = "mitigations";
    static final String SPECIAL_CIRCUMSTANCES = "specialCircumstances";
    static final String STATUTORY_MAXIMUM = "statutoryMaximum";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PolicyProblem> checkCatalog(PolicyCatalog catalog, String catalogFile) {
        List<PolicyProblem> problems = new ArrayList<>(PolicyFamily.requireSheets(catalog, catalogFile,
                CRIME_TYPES, DANGER_INDICATORS, MITIGATIONS, SPECIAL_CIRCUMSTANCES));
        for (PolicyCatalog.Entry crime : catalog.entries(CRIME_TYPES).values()) {
            String maximum = crime.attribute(STATUTORY_MAXIMUM).orElse(null);
            if (SentenceBand.ofCode(maximum) == null) {
                problems.add(PolicyProblem.ofCell(catalogFile, CRIME_TYPES, CellName.of(crime.row() - 1, 2),
                        "罪名 " + crime.code() + " 的法定最高刑档须为 " + SentenceBand.codes() + " 之一，实际为 '" + maximum + "'"));
            }
        }
        return problems;
    }

    static SentenceBand statutoryMaximum(PolicyCatalog catalog, String crimeType) {
        return catalog.entry(CRIME_TYPES, crimeType).flatMap(e -> e.attribute(STATUTORY_MAXIMUM))
                .map(SentenceBand::ofCode).orElseThrow();
    }
}
