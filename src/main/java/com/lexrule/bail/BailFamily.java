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
 * responsibility (CL 17, checked as in the arrest family); the colors and economic statuses, codes the officers keep
 * in the catalog and the request is checked against, are each ranked; and the deposit tables respect the legal
 * minimums and those ranks (see {@link DepositTableCheck}).
 */
@ApplicationScoped
public class BailFamily implements PolicyFamily {
    public static final String NAME = "bail";
    static final String CRIME_TYPES = "crimeTypes";
    static final String DANGER_COLORS = "dangerColors";
    static final String ECONOMIC_STATUSES = "economicStatuses";
    static final String GUARANTEE_METHODS = "guaranteeMethods";
    static final String EFFECTS = "effects";
    static final String OUTCOMES = "outcomes";
    static final String PROPERTY_CRIME = "propertyCrime";
    /** The order of a color or an economic status, from 1 up: the deposit never falls along it. */
    static final String RANK = "rank";

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
        problems.addAll(checkRanks(catalog, catalogFile, DANGER_COLORS));
        problems.addAll(checkRanks(catalog, catalogFile, ECONOMIC_STATUSES));
        return problems;
    }

    @Override
    public List<PolicyProblem> checkBundle(PolicyBundle bundle, PolicyCatalog catalog) {
        return DepositTableCheck.check(bundle, catalog);
    }

    /**
     * The codes of a ranked sheet (colors, economic statuses) from the lowest rank up: along it a deposit never
     * falls. Codes without a readable rank are left out; {@link #checkCatalog} reports them.
     */
    static List<String> ranked(PolicyCatalog catalog, String sheet) {
        return catalog.entries(sheet).values().stream().filter(e -> rank(e) != null)
                .sorted(java.util.Comparator.comparing(BailFamily::rank)).map(PolicyCatalog.Entry::code).toList();
    }

    private static Integer rank(PolicyCatalog.Entry entry) {
        try {
            java.math.BigDecimal rank = new java.math.BigDecimal(entry.attribute(RANK).orElse("")).stripTrailingZeros();
            return rank.scale() <= 0 && rank.signum() > 0 ? rank.intValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** Every code of the sheet has a rank of its own, a whole number from 1: two codes of one rank would be unordered. */
    private static List<PolicyProblem> checkRanks(PolicyCatalog catalog, String catalogFile, String sheet) {
        List<PolicyProblem> problems = new ArrayList<>();
        if (!catalog.has(sheet)) return problems;
        java.util.Map<Integer, String> seen = new java.util.HashMap<>();
        int column = catalog.column(sheet, RANK);
        for (PolicyCatalog.Entry entry : catalog.entries(sheet).values()) {
            Integer rank = rank(entry);
            String cell = column < 0 ? null : new org.apache.poi.ss.util.CellReference(entry.row() - 1, column).formatAsString();
            if (rank == null) {
                problems.add(PolicyProblem.ofCell(catalogFile, sheet, cell, "代码 " + entry.code()
                        + " 须有排序 rank（从1起的整数，排序越大保证金系数不得越低），实际为 '" + entry.attribute(RANK).orElse("") + "'"));
            } else if (seen.putIfAbsent(rank, entry.code()) != null) {
                problems.add(PolicyProblem.ofCell(catalogFile, sheet, cell, "代码 " + entry.code() + " 的排序 " + rank
                        + " 与 " + seen.get(rank) + " 相同 (two codes of one rank)"));
            }
        }
        return problems;
    }

    static boolean propertyCrime(PolicyCatalog catalog, String crimeType) {
        return catalog.entry(CRIME_TYPES, crimeType).flatMap(e -> e.attribute(PROPERTY_CRIME)).map("true"::equals).orElseThrow();
    }

    static AgeOfResponsibility ageOfResponsibility(PolicyCatalog catalog, String crimeType) {
        return AgeOfResponsibility.of(catalog, CRIME_TYPES, crimeType);
    }

}
