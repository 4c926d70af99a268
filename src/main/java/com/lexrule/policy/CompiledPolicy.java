package com.lexrule.policy;

import java.time.Duration;
import java.util.Map;

import org.kie.api.KieBase;

/**
 * A policy version ready to evaluate: its knowledge base (built once, shared by every call), its catalog of
 * codes, and how many rules each file produced, so that a table that silently produced none is noticed.
 */
public record CompiledPolicy(PolicyVersion version, PolicyBundle bundle, KieBase kieBase, PolicyCatalog catalog,
                             Map<String, Integer> rulesPerFile, Duration compileTime) {

    public String family() {
        return version.family();
    }
}
