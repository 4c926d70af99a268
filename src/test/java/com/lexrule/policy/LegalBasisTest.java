package com.lexrule.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import io.quarkus.test.junit.QuarkusTest;

/**
 * No reason goes uncited: every rule of every baseline policy that reports a finding (DRL and decision-table rows
 * alike, as compiled) has a reason and a legal basis, and each part of the basis (separated by ；) begins with the
 * name of a source the policy lists in {@code legalSources}. The crime catalogs' citations are held to the same.
 */
@QuarkusTest
class LegalBasisTest {

    /** Catalog attributes that are citations (not explanations such as 排除：…). */
    static final Set<String> CITATION_KEYS = Set.of("article", "basis", "ageArticle");

    @Inject
    BaselineReader baseline;

    @Inject
    PolicyCompiler compiler;

    @Test
    void every_rule_and_table_row_cites_a_listed_source() {
        List<String> uncited = new ArrayList<>();
        int rules = 0;
        for (String family : baseline.families()) {
            PolicyBundle bundle = baseline.read(family);
            List<String> names = sourceNames(bundle);
            CompiledPolicy policy = compiler.compile(new PolicyVersion(family, 0, bundle.sha256(),
                    bundle.manifest().effectiveFrom(), null, "test", null), bundle);
            for (KiePackage pkg : policy.kieBase().getKiePackages()) {
                for (Rule rule : pkg.getRules()) {
                    Map<String, Object> meta = rule.getMetaData();
                    if (meta.get("ruleId") == null) continue;
                    rules++;
                    String where = family + " / " + meta.get("ruleId") + " (" + rule.getName() + ")";
                    if (text(meta.get("reason")).isBlank()) uncited.add(where + ": no reason");
                    check(where, text(meta.get("basis")), names, uncited);
                }
            }
            policy.catalog().all().forEach((sheet, entries) -> entries.values().forEach(entry ->
                    entry.attributes().forEach((key, value) -> {
                        if (CITATION_KEYS.contains(key)) {
                            check(family + " / catalog " + sheet + " / " + entry.code() + " / " + key, value, names, uncited);
                        }
                    })));
        }
        assertThat(rules).as("rules with a ruleId").isGreaterThan(100);
        assertThat(uncited).isEmpty();
    }

    @Test
    void every_listed_source_says_how_the_bases_name_it() {
        for (String family : baseline.families()) {
            assertThat(baseline.read(family).manifest().legalSources()).isNotEmpty()
                    .allSatisfy(source -> assertThat(source.name()).as(family + " " + source.id()).isNotBlank());
        }
    }

    private static void check(String where, String basis, List<String> names, List<String> uncited) {
        if (basis.isBlank()) {
            uncited.add(where + ": no legal basis");
            return;
        }
        for (String part : basis.split("；")) {
            String cited = part.strip();
            if (names.stream().noneMatch(cited::startsWith)) {
                uncited.add(where + ": '" + cited + "' names no source of legalSources " + names);
            }
        }
    }

    private static List<String> sourceNames(PolicyBundle bundle) {
        return bundle.manifest().legalSources().stream().map(PolicyManifest.LegalSource::name)
                .filter(n -> n != null && !n.isBlank()).toList();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
