package com.lexrule.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import com.lexrule.policy.DecisionTableTranslator.TranslatedTable;
import com.lexrule.policy.table.PolicyProblem;

/**
 * Compiles a policy bundle read from disk or from the database into a knowledge base. Nothing comes from the
 * application jar: an officer's edited table takes effect without a rebuild. Every problem is reported at once,
 * each placed by file and, for spreadsheets, by sheet and cell.
 */
@ApplicationScoped
public class PolicyCompiler {

    private final DecisionTableTranslator translator = new DecisionTableTranslator();
    private final List<PolicyFamily> families;

    @jakarta.inject.Inject
    public PolicyCompiler(@Any Instance<PolicyFamily> families) {
        this(families.stream().toList());
    }

    /** Outside CDI (the benchmarks): the families whose catalogs to check. */
    public PolicyCompiler(List<PolicyFamily> families) {
        this.families = List.copyOf(families);
    }

    public CompiledPolicy compile(PolicyVersion version, PolicyBundle bundle) {
        long started = System.nanoTime();
        String family = bundle.family();
        List<PolicyProblem> problems = new ArrayList<>();

        PolicyCatalog catalog = PolicyCatalog.empty();
        String catalogName = bundle.manifest().catalog();
        if (catalogName != null) {
            PolicyFile catalogFile = bundle.file(PolicyFile.TABLES + catalogName).orElse(null);
            if (catalogFile == null) {
                problems.add(PolicyProblem.ofFile(PolicyFile.TABLES + catalogName, "代码目录文件缺失 (catalog file named in policy.json is missing)"));
            } else {
                try {
                    catalog = PolicyCatalog.read(catalogFile);
                    for (PolicyFamily definition : families) {
                        if (definition.name().equals(family)) {
                            problems.addAll(definition.checkCatalog(catalog, catalogFile.name()));
                        }
                    }
                } catch (PolicyCompilationException e) {
                    problems.addAll(e.problems());
                }
            }
        }

        for (PolicyFamily definition : families) {
            if (definition.name().equals(family)) {
                problems.addAll(definition.checkBundle(bundle, catalog));
            }
        }

        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        Map<String, TranslatedTable> tablesBySourcePath = new HashMap<>();
        Map<String, String> fileBySourcePath = new LinkedHashMap<>();
        for (PolicyFile file : bundle.files()) {
            if (file.isDrl()) {
                Resource drl = ResourceFactory.newByteArrayResource(file.content());
                drl.setSourcePath(file.name());
                drl.setResourceType(ResourceType.DRL);
                builder.add(drl, ResourceType.DRL);
                fileBySourcePath.put(file.name(), file.name());
            } else if (file.isSpreadsheet() && !file.simpleName().equals(catalogName)) {
                TranslatedTable table;
                try {
                    table = translator.translate(file);
                } catch (PolicyCompilationException e) {
                    problems.addAll(e.problems());
                    continue;
                }
                if (table.ruleCount() == 0) {
                    problems.add(PolicyProblem.ofCell(file.name(), table.sheet(), null,
                            "决策表没有生成任何规则 (the table produced no rules)"));
                    continue;
                }
                // Named *.drl after translation: a table handed to Drools under a plain name is skipped silently.
                String sourcePath = file.name() + ".drl";
                Resource drl = ResourceFactory.newByteArrayResource(table.drl().getBytes(StandardCharsets.UTF_8));
                drl.setSourcePath(sourcePath);
                drl.setResourceType(ResourceType.DRL);
                tablesBySourcePath.put(sourcePath, table);
                fileBySourcePath.put(sourcePath, file.name());
                builder.add(drl, ResourceType.DRL);
            }
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            problems.add(locate(error, tablesBySourcePath));
        }
        if (!problems.isEmpty()) {
            throw new PolicyCompilationException(family, problems);
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(builder.getKnowledgePackages());
        List<PolicyProblem> precedence = checkDecidingRules(bundle.manifest(), builder.getKnowledgePackages());
        if (!precedence.isEmpty()) {
            throw new PolicyCompilationException(family, precedence);
        }
        Map<String, Integer> rulesPerFile = rulesPerFile(builder.getKnowledgePackages(), fileBySourcePath);
        return new CompiledPolicy(version, bundle, kieBase, catalog, Map.copyOf(rulesPerFile),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Every entry of {@code decidingRules} must name a rule of this version, or the precedence it states means nothing. */
    private static List<PolicyProblem> checkDecidingRules(PolicyManifest manifest, Collection<KiePackage> packages) {
        Set<String> ruleIds = new HashSet<>();
        for (KiePackage kiePackage : packages) {
            for (Rule rule : kiePackage.getRules()) {
                Object id = rule.getMetaData().get("ruleId");
                if (id != null) ruleIds.add(String.valueOf(id));
            }
        }
        List<PolicyProblem> problems = new ArrayList<>();
        manifest.decidingRules().forEach((endpoint, prefixes) -> {
            for (String prefix : prefixes) {
                if (ruleIds.stream().noneMatch(id -> id.startsWith(prefix))) {
                    problems.add(PolicyProblem.ofFile(PolicyFile.MANIFEST, "decidingRules." + endpoint + " 中的 " + prefix
                            + " 不对应本版本的任何规则编号 (names no rule id of this version)"));
                }
            }
        });
        return problems;
    }

    private static PolicyProblem locate(KnowledgeBuilderError error, Map<String, TranslatedTable> tables) {
        String path = error.getResource() == null ? "?" : error.getResource().getSourcePath();
        int line = error.getLines() == null || error.getLines().length == 0 ? -1 : error.getLines()[0];
        String message = error.getMessage() == null ? error.toString() : error.getMessage().trim();
        TranslatedTable table = tables.get(path);
        if (table != null) {
            return table.locate(line, "规则编译错误 (rule does not compile): " + message);
        }
        return PolicyProblem.ofLine(path, line, "规则编译错误 (rule does not compile): " + message);
    }

    /** The rules each file contributed, counted in the built packages (queries are not rules), in bundle order. */
    private static Map<String, Integer> rulesPerFile(Collection<KiePackage> packages, Map<String, String> fileBySourcePath) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        fileBySourcePath.values().forEach(file -> counts.put(file, 0));
        for (KiePackage kiePackage : packages) {
            for (Rule rule : kiePackage.getRules()) {
                RuleImpl built = (RuleImpl) rule;
                String file = built.getResource() == null ? null : fileBySourcePath.get(built.getResource().getSourcePath());
                if (file != null && !built.isQuery()) counts.merge(file, 1, Integer::sum);
            }
        }
        return counts;
    }
}
