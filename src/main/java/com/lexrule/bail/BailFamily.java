package com.lexrule.bail;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFamily;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.responsibility.AgeOfResponsibility;

/**
 * The bail family's policy: every crime type states whether it is a property crime and its age of criminal
 * responsibility (CL 17, checked as in the arrest family), the color and economic-status
 * catalogs cover the codes the request accepts, and the deposit tables respect the legal minimums (see
 * {@link DepositTableCheck}).
 */
@ApplicationScoped
public class BailFamily implements PolicyFamily {
    public static final String NAME = "bail";
    static final String CRIME_TYPES = "crimeTypes";
    static final String DANGER_COLORS = "dangerColors";
    static final String ECONOMIC_STATUSES = "economicStatuses";
    static final String GUARANTEE_METHODS = "guaranteeMethods";
    static final String EFFECTS = "effects";
    static final String PROPERTY_CRIME = "propertyCrime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PolicyProblem> checkCatalog(PolicyCatalog catalog, String catalogFile) {
        List<PolicyProblem> problems = new ArrayList<>(PolicyFamily.requireSheets(catalog, catalogFile,
                CRIME_TYPES, DANGER_COLORS, ECONOMIC_STATUSES, GUARANTEE_METHODS, EFFECTS));
        for (PolicyCatalog.Entry crime : catalog.entries(CRIME_TYPES).values()) {
            String property = crime.attribute(PROPERTY_CRIME).orElse(null);
            if (!"true".equals(property) && !"false".equals(property)) {
                problems.add(PolicyProblem.ofCell(catalogFile, CRIME_TYPES, crime.row() - 1, 2,
                        "罪名 " + crime.code() + " 须写明是否财产犯罪（true 或 false），实际为 '" + property + "'"));
            }
        }
        problems.addAll(AgeOfResponsibility.check(catalog, catalogFile, CRIME_TYPES));
        for (DangerColor color : DangerColor.values()) {
            requireCode(catalog, catalogFile, DANGER_COLORS, color.name(), problems);
        }
        for (EconomicStatus status : EconomicStatus.values()) {
            requireCode(catalog, catalogFile, ECONOMIC_STATUSES, status.name(), problems);
        }
        return problems;
    }

    @Override
    public List<PolicyProblem> checkBundle(PolicyBundle bundle) {
        return DepositTableCheck.check(bundle);
    }

    static boolean propertyCrime(PolicyCatalog catalog, String crimeType) {
        return catalog.entry(CRIME_TYPES, crimeType).flatMap(e -> e.attribute(PROPERTY_CRIME)).map("true"::equals).orElseThrow();
    }

    static AgeOfResponsibility ageOfResponsibility(PolicyCatalog catalog, String crimeType) {
        return AgeOfResponsibility.of(catalog, CRIME_TYPES, crimeType);
    }

    private static void requireCode(PolicyCatalog catalog, String catalogFile, String sheet, String code, List<PolicyProblem> problems) {
        if (catalog.has(sheet) && catalog.entry(sheet, code).isEmpty()) {
            problems.add(PolicyProblem.ofCell(catalogFile, sheet, null, "代码目录 " + sheet + " 缺少代码 " + code + " (code missing)"));
        }
    }
}
