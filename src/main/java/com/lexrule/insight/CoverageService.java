package com.lexrule.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ss.util.CellReference;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.lexrule.audit.RuleCoverage;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.TableTemplate;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.Problem;
import com.lexrule.problem.ProblemException;

/**
 * Which rules and table rows of a published version matter: for each, how many audited decisions over a period it
 * fired in and how many it decided (the deciding rule as special review defines it), and the rows that never fired,
 * placed by file, sheet and cell. Read from the coverage rollup the audit batch writes; nothing is evaluated again.
 */
@ApplicationScoped
public class CoverageService {

    /** Where a rule of the version is written: a decision-table row (sheet and cell of its rule id) or a DRL rule (line). */
    public record RuleSource(String ruleId, String kind, String file, String sheet, String cell, Integer line) {
        static final String TABLE_ROW = "TABLE_ROW";
        static final String DRL_RULE = "DRL_RULE";
        /** A rule id the decisions show that the version does not list (a DRL rule writing its finding's id itself). */
        static final String FIRED_ONLY = "FIRED_ONLY";
    }

    @Schema(name = "RuleCoverage", description = "一条规则或决策表一行的覆盖情况")
    public record Line(String ruleId,
                       @Schema(enumeration = {"TABLE_ROW", "DRL_RULE", "FIRED_ONLY"}) String kind,
                       String file, String sheet, String cell, Integer line,
                       @Schema(description = "触发该规则的已审计决定数") long fired,
                       @Schema(description = "由该规则决定结论的决定数（专项评查的“决定规则”）") long decided,
                       @Schema(description = "fired / decisions") double firedShare,
                       @Schema(description = "decided / decisions") double decidedShare) {
    }

    @Schema(name = "PolicyCoverage", description = "政策版本的规则与决策表行覆盖情况（自审计汇总读取，不重新评估）")
    public record Coverage(PolicyRef policy, LocalDate from, LocalDate to,
                           @Schema(description = "该版本在期间内的已审计决定数") long decisions,
                           @Schema(description = "其中未计入覆盖汇总的决定数（汇总建立之前记录的决定）") long decisionsNotCounted,
                           List<Line> rules,
                           @Schema(description = "期间内从未触发的规则与行，附文件、工作表与单元格") List<Line> neverFired,
                           String note) {
    }

    static final String NOTE = "覆盖情况取自审计记录（随审计批次写入的汇总），不重新评估任何决定。"
            + "“决定”按专项评查的定义：按政策自身的优先顺序，第一个触发的规则组中的第一条规则。"
            + "从未触发的行不一定多余：它可能针对少见但法律要求处理的情形。";

    private final PolicyRegistry registry;
    private final RuleCoverage coverage;

    public CoverageService(PolicyRegistry registry, RuleCoverage coverage) {
        this.registry = registry;
        this.coverage = coverage;
    }

    public Coverage of(String family, int version, LocalDate from, LocalDate to) {
        PolicyVersion published = version(family, version);
        LocalDate end = to == null ? registry.today() : to;
        LocalDate start = from == null ? published.effectiveFrom() : from;
        if (end.isBefore(start)) {
            String message = "to (" + end + ") is before from (" + start + ")";
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)", message,
                    List.of(new Problem.FieldError("to", message)), null);
        }
        RuleCoverage.Counts counts = coverage.of(family, version, start, end);
        Map<String, RuleCoverage.Count> remaining = new LinkedHashMap<>(counts.rules());
        List<Line> lines = new ArrayList<>();
        for (RuleSource source : sources(registry.bundle(family, version))) {
            RuleCoverage.Count count = remaining.remove(source.ruleId());
            lines.add(line(source, count, counts.decisions()));
        }
        remaining.forEach((id, count) -> lines.add(line(new RuleSource(id, RuleSource.FIRED_ONLY, null, null, null, null),
                count, counts.decisions())));
        List<Line> never = lines.stream().filter(l -> l.fired() == 0).toList();
        return new Coverage(PolicyRef.of(published), start, end, counts.decisions(),
                Math.max(0, counts.decisions() - counts.counted()), lines, never, NOTE);
    }

    PolicyVersion version(String family, int version) {
        return registry.versions(family).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundProblem("政策版本 " + family + " v" + version + " 不存在 (no such policy version)"));
    }

    private static Line line(RuleSource source, RuleCoverage.Count count, long decisions) {
        long fired = count == null ? 0 : count.fired();
        long decided = count == null ? 0 : count.decided();
        return new Line(source.ruleId(), source.kind(), source.file(), source.sheet(), source.cell(), source.line(), fired,
                decided, share(fired, decisions), share(decided, decisions));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10000.0 * part / whole) / 10000.0;
    }

    /** Every rule id of the version, in file order: each table row by the cell of its rule id, each DRL rule by its line. */
    static List<RuleSource> sources(PolicyBundle bundle) {
        List<RuleSource> sources = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String catalog = bundle.manifest().catalog();
        for (PolicyFile file : bundle.files()) {
            if (file.isSpreadsheet() && !file.simpleName().equals(catalog)) {
                DecisionTable table = file.spreadsheet().decisionTable().table();
                if (table == null) continue;
                for (int t = 0; t < table.parts().size(); t++) {
                    Integer idColumn = idColumn(table.template().tables().get(t));
                    if (idColumn == null) continue;
                    for (DecisionTable.DataRow row : table.parts().get(t).rows()) {
                        var id = row.cells().get(idColumn);
                        if (id == null || !seen.add(id.canonical())) continue;
                        sources.add(new RuleSource(id.canonical(), RuleSource.TABLE_ROW, file.simpleName(),
                                table.template().sheetName(), new CellReference(row.row(), idColumn).formatAsString(), null));
                    }
                }
            } else if (file.isDrl()) {
                for (RuleDescr rule : drlRules(file)) {
                    AnnotationDescr id = rule.getAnnotation("ruleId");
                    if (id == null) continue;
                    String ruleId = AnnotationDescr.unquote(id.getSingleValueAsString());
                    if (seen.add(ruleId)) {
                        sources.add(new RuleSource(ruleId, RuleSource.DRL_RULE, file.simpleName(), null, null, rule.getLine()));
                    }
                }
            }
        }
        return sources;
    }

    /** The METADATA column whose template is {@code ruleId("$param")}: each row's rule id. */
    static Integer idColumn(TableTemplate.Header header) {
        return header.columns().values().stream().filter(c -> c.template() != null && c.template().startsWith("ruleId("))
                .map(c -> c.column()).findFirst().orElse(null);
    }

    private static List<RuleDescr> drlRules(PolicyFile file) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr parsed = parser.parse(false, file.text());
            return parsed == null ? List.of() : parsed.getRules().stream().filter(r -> !r.isQuery()).toList();
        } catch (DroolsParserException e) {
            // a published version compiled, so its DRL parses; a file that does not is listed by no rule
            return List.of();
        }
    }
}
