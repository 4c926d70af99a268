package com.lexrule.arrest;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFamily;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.responsibility.AgeOfResponsibility;

/**
 * The arrest family's catalogs: every crime type states its statutory maximum (kind and term, CL 99 decides the band)
 * and its age of criminal responsibility (CL 17), each checked against the law when a version compiles; and the
 * tables write only the legal categories of CPL art. 81 (see {@link ColorTableCheck}).
 */
@ApplicationScoped
public class ArrestFamily implements PolicyFamily {
    public static final String NAME = "arrest";
    static final String CRIME_TYPES = "crimeTypes";
    static final String DANGER_INDICATORS = "dangerIndicators";
    static final String MITIGATIONS = "mitigations";
    static final String SPECIAL_CIRCUMSTANCES = "specialCircumstances";
    static final String OUTCOMES = "outcomes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PolicyProblem> checkCatalog(PolicyCatalog catalog, String catalogFile) {
        List<PolicyProblem> problems = new ArrayList<>(PolicyFamily.requireSheets(catalog, catalogFile,
                CRIME_TYPES, DANGER_INDICATORS, MITIGATIONS, SPECIAL_CIRCUMSTANCES));
        problems.addAll(StatutoryMaximum.check(catalog, catalogFile, CRIME_TYPES));
        problems.addAll(AgeOfResponsibility.check(catalog, catalogFile, CRIME_TYPES));
        return problems;
    }

    @Override
    public List<PolicyProblem> checkBundle(PolicyBundle bundle, PolicyCatalog catalog) {
        return ColorTableCheck.check(bundle);
    }

    static StatutoryMaximum statutoryMaximum(PolicyCatalog catalog, String crimeType) {
        return StatutoryMaximum.of(catalog.entry(CRIME_TYPES, crimeType).orElseThrow());
    }

    static AgeOfResponsibility ageOfResponsibility(PolicyCatalog catalog, String crimeType) {
        return AgeOfResponsibility.of(catalog, CRIME_TYPES, crimeType);
    }
}
