package com.lexrule.policy;

import java.time.Duration;
import java.util.Map;

import org.kie.api.KieBase;

import com.lexrule.engine.CompiledRules;
import com.lexrule.engine.PolicyEvaluator;

/**
 * A policy version ready to evaluate: its rules (knowledge base and sessions, built once, shared by every call),
 * its catalog of codes, and how many rules each file produced, so that a table that silently produced none is
 * noticed. Dropping it drops its sessions too.
 */
public record CompiledPolicy(PolicyVersion version, PolicyBundle bundle, CompiledRules rules, PolicyCatalog catalog,
                             Map<String, Integer> rulesPerFile, Duration compileTime) implements PolicyEvaluator.Evaluable {

    public CompiledPolicy(PolicyVersion version, PolicyBundle bundle, KieBase kieBase, PolicyCatalog catalog,
                          Map<String, Integer> rulesPerFile, Duration compileTime) {
        this(version, bundle, new CompiledRules(kieBase), catalog, rulesPerFile, compileTime);
    }

    public String family() {
        return version.family();
    }

    public KieBase kieBase() {
        return rules.kieBase();
    }

    /** The same compiled rules under the version number they were published as (a trial compile is version 0). */
    public CompiledPolicy as(PolicyVersion published, PolicyBundle publishedBundle) {
        return new CompiledPolicy(published, publishedBundle, rules, catalog, rulesPerFile, compileTime);
    }
}
