package com.lexrule.meritorious;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFamily;
import com.lexrule.policy.table.PolicyProblem;

/**
 * The meritorious-service family's catalogs. Every evidence item must say what it must show and who issues it,
 * since that is what an officer is told to obtain when it is missing; and the other case's document, which the
 * major test (SPC-1998 art. 7) asks for, must exist.
 */
@ApplicationScoped
public class MeritoriousFamily implements PolicyFamily {
    public static final String NAME = "meritorious-service";
    static final String CLAIM_TYPES = "claimTypes";
    static final String LEAD_SOURCES = "leadSources";
    static final String ASSISTANCE_KINDS = "assistanceKinds";
    static final String EVIDENCE_ITEMS = "evidenceItems";
    /** The determinations, the rules' and the officer's final one alike: the answer's schema lists them from here. */
    static final String OUTCOMES = "outcomes";
    static final String MUST_SHOW = "mustShow";
    static final String ISSUER = "issuer";
    /** The rules name this item in the major test; the catalog must know it. */
    static final String OTHER_CASE_DOCUMENT = "OTHER_CASE_DOCUMENT";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<PolicyProblem> checkCatalog(PolicyCatalog catalog, String catalogFile) {
        List<PolicyProblem> problems = new ArrayList<>(PolicyFamily.requireSheets(catalog, catalogFile,
                CLAIM_TYPES, LEAD_SOURCES, ASSISTANCE_KINDS, EVIDENCE_ITEMS));
        if (catalog.has(EVIDENCE_ITEMS) && catalog.entry(EVIDENCE_ITEMS, OTHER_CASE_DOCUMENT).isEmpty()) {
            problems.add(PolicyProblem.ofCell(catalogFile, EVIDENCE_ITEMS, null,
                    "证据材料目录缺少 " + OTHER_CASE_DOCUMENT + "（重大立功的认定规则需要此项）"));
        }
        for (PolicyCatalog.Entry item : catalog.entries(EVIDENCE_ITEMS).values()) {
            if (item.attribute(MUST_SHOW).isEmpty()) {
                problems.add(PolicyProblem.ofCell(catalogFile, EVIDENCE_ITEMS, item.row() - 1, 2,
                        "证据材料 " + item.code() + " 缺少须载明的内容 (mustShow)"));
            }
            if (item.attribute(ISSUER).isEmpty()) {
                problems.add(PolicyProblem.ofCell(catalogFile, EVIDENCE_ITEMS, item.row() - 1, 3,
                        "证据材料 " + item.code() + " 缺少出具机关 (issuer)"));
            }
        }
        return problems;
    }
}
