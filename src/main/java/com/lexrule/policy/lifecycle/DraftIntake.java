package com.lexrule.policy.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ss.usermodel.Workbook;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompilationException;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyMetrics;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.table.SheetCells;
import com.lexrule.policy.table.TableReader;
import com.lexrule.problem.ProblemException;

/**
 * The first step of the lifecycle: an officer uploads files and a draft is made of the version in force with them in
 * place. Only data may change: every upload is read against the file it replaces (a table against its template, a
 * catalog against its sheets, a scenario file for its shape), and what is stored is the service's own rewrite of the
 * typed values. A draft that reads is compiled at once and stored as VALID or INVALID with its problems.
 */
@ApplicationScoped
public class DraftIntake {

    private static final Logger LOG = Logger.getLogger(DraftIntake.class);

    private final PolicyRegistry registry;
    private final PolicyMetrics metrics;
    private final DraftStore store;
    private final DraftService drafts;
    private final ObjectMapper json;
    private final LifecycleLimits limits;

    public DraftIntake(PolicyRegistry registry, DraftStore store, DraftService drafts, ObjectMapper json, LifecycleLimits limits,
                       PolicyMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
        this.store = store;
        this.drafts = drafts;
        this.json = json;
        this.limits = limits;
    }

    public DraftService.DraftView create(String family, List<Upload> uploads, String note, DraftService.Actor actor) {
        drafts.requireFamily(family);
        if (uploads.isEmpty()) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "请上传至少一个 .xlsx、.drl 或情景 .json 文件 (upload at least one file as multipart/form-data)");
        }
        if (uploads.size() > limits.maxFiles()) {
            throw tooMany("一次最多上传 " + limits.maxFiles() + " 个文件 (at most " + limits.maxFiles() + " files per draft)", List.of());
        }
        List<PolicyProblem> oversized = uploads.stream().filter(u -> u.size() > limits.maxFileBytes())
                .map(u -> PolicyProblem.ofFile(u.simpleName(), "文件 " + u.size() + " 字节，超过上限 " + limits.maxFileBytes()
                        + " 字节 (file larger than " + limits.maxFileBytes() + " bytes)")).toList();
        if (!oversized.isEmpty()) {
            throw new ProblemException(413, "upload-too-large", "上传文件过大 (uploaded file too large)",
                    "每个文件不得超过 " + limits.maxFileBytes() + " 字节 (per-file limit " + limits.maxFileBytes() + " bytes)", oversized, null);
        }
        CompiledPolicy base = registry.current(family);
        PolicyBundle baseBundle = base.bundle();
        String catalog = baseBundle.manifest().catalog();
        Map<String, PolicyFile> replaced = new LinkedHashMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        for (Upload upload : uploads) {
            String name = upload.simpleName();
            byte[] content = read(upload);
            if (name.endsWith(".drl")) {
                if (!actor.admin()) {
                    throw new ProblemException(403, "drl-admin-only", "规则文件只能由管理员修改 (DRL files are changed by admin only)",
                            "DRL 规则文件是程序代码，法务人员只能上传决策表的数据行；" + name + " 须由管理员上传 (role admin required for " + name + ")",
                            List.of(PolicyProblem.ofFile(name, "须具有 admin 角色 (role admin required)")), null);
                }
                match(baseBundle, name, PolicyFile::isDrl, problems).ifPresent(target -> replaced.put(target, new PolicyFile(target, content)));
            } else if (name.endsWith(".xlsx")) {
                Optional<String> target = match(baseBundle, name, PolicyFile::isSpreadsheet, problems);
                if (target.isEmpty()) continue;
                CheckedWorkbook checked = checkWorkbook(target.get(), baseBundle.file(target.get()).orElseThrow(),
                        content, name.equals(catalog));
                if (checked.problems().isEmpty()) replaced.put(target.get(), new PolicyFile(target.get(), checked.canonical()));
                problems.addAll(checked.problems());
            } else if (name.endsWith(".json") && !name.equals("policy.json")) {
                String target = baseBundle.files().stream().filter(f -> f.isScenario() && f.simpleName().equals(name))
                        .map(PolicyFile::name).findFirst().orElse(PolicyFile.SCENARIOS + name);
                checkScenarioFile(target, content, problems);
                replaced.put(target, new PolicyFile(target, content));
            } else {
                problems.add(PolicyProblem.ofFile(name, name.equals("policy.json")
                        ? "policy.json 在批准时生成（生效日期、修改说明），不能上传 (the manifest is written at approval)"
                        : "只接受 .xlsx 决策表、.drl 规则文件和情景 .json 文件 (only .xlsx, .drl and scenario .json files)"));
            }
            if (replaced.values().stream().filter(f -> f.simpleName().equals(name)).count() > 1) {
                problems.add(PolicyProblem.ofFile(name, "同名文件上传了两次 (the same file was uploaded twice)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(422, "draft-refused", "草稿被拒绝：只允许修改数据行 (draft refused: only data may change)",
                    problems.size() + " 处问题；未保存任何内容 (nothing was stored)", problems, null);
        }
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile file : baseBundle.files()) files.add(replaced.getOrDefault(file.name(), file));
        replaced.values().stream().filter(f -> baseBundle.file(f.name()).isEmpty()).forEach(files::add);
        PolicyBundle bundle = new PolicyBundle(family, files);

        DraftStatus status;
        List<PolicyProblem> compileProblems;
        CompiledPolicy compiled = null;
        try {
            compiled = registry.compileTrial(bundle, actor.name());
            status = DraftStatus.VALID;
            compileProblems = List.of();
        } catch (PolicyCompilationException e) {
            status = DraftStatus.INVALID;
            compileProblems = e.problems();
        }
        long id = store.create(family, base.version().version(), bundle, List.copyOf(replaced.keySet()), status,
                write(compileProblems), note, actor.name());
        if (compiled != null) drafts.remember(id, compiled);
        metrics.drafted(family, status == DraftStatus.VALID);
        LOG.infof("draft %d of %s (based on v%d) by %s: %s, files %s", id, family, base.version().version(), actor.name(),
                status, replaced.keySet());
        return drafts.view(store.find(family, id).orElseThrow());
    }

    /** An uploaded workbook's problems, or the workbook the service writes in its place from the typed values. */
    private record CheckedWorkbook(List<PolicyProblem> problems, byte[] canonical) {
        static CheckedWorkbook refused(List<PolicyProblem> problems) {
            return new CheckedWorkbook(problems, null);
        }
    }

    /**
     * Reads an upload against the published file it replaces. What is stored is never the upload: a decision table
     * is rewritten from the published template and the typed data values, a catalog from its typed values, so no
     * format, formula, comment, link, name, validation or macro of the upload reaches a version or the compiler.
     */
    private CheckedWorkbook checkWorkbook(String target, PolicyFile published, byte[] content, boolean catalog) {
        try (UploadedWorkbook upload = UploadedWorkbook.open(content, limits.maxFileBytes(), limits.maxSheets(), limits.maxRows())) {
            Workbook uploaded = upload.workbook();
            if (uploaded.getNumberOfSheets() == 0) {
                return CheckedWorkbook.refused(List.of(PolicyProblem.ofFile(target, "工作簿没有工作表 (the workbook has no sheet)")));
            }
            if (catalog) {
                List<SheetCells> sheets = CatalogWorkbook.sheets(uploaded);
                List<PolicyProblem> problems = CatalogWorkbook.check(target, published.spreadsheet().sheets(), sheets);
                return problems.isEmpty() ? new CheckedWorkbook(List.of(), CatalogWorkbook.write(sheets)) : CheckedWorkbook.refused(problems);
            }
            // The published file's model, read once and kept with the version in force, is the template.
            TableReader.Result read = TableReader.read(target, SheetCells.read(uploaded.getSheetAt(0)), published.spreadsheet().template());
            return read.problems().isEmpty() ? new CheckedWorkbook(List.of(), read.table().workbook())
                    : CheckedWorkbook.refused(read.problems());
        } catch (UploadedWorkbook.Refused e) {
            if (e.overLimit) throw tooMany(e.getMessage(), List.of(PolicyProblem.ofFile(target, e.getMessage())));
            return CheckedWorkbook.refused(List.of(PolicyProblem.ofFile(target, e.getMessage())));
        }
    }

    private void checkScenarioFile(String target, byte[] content, List<PolicyProblem> problems) {
        try {
            JsonNode suite = json.readTree(content);
            if (!suite.path("endpoint").isTextual() || !suite.path("scenarios").isArray()) {
                problems.add(PolicyProblem.ofFile(target, "情景文件须有 endpoint 和 scenarios 数组 (a scenario file needs \"endpoint\" and a \"scenarios\" array)"));
                return;
            }
            int i = 0;
            for (JsonNode scenario : suite.path("scenarios")) {
                if (!scenario.path("name").isTextual() || !scenario.path("request").isObject() || !scenario.path("expect").isObject()) {
                    problems.add(PolicyProblem.ofFile(target, "scenarios[" + i + "] 须有 name、request、expect (each scenario needs name, request, expect)"));
                }
                i++;
            }
        } catch (IOException e) {
            problems.add(PolicyProblem.ofFile(target, "不是有效的 JSON (not valid JSON): " + e.getMessage()));
        }
    }

    private static Optional<String> match(PolicyBundle base, String simpleName, java.util.function.Predicate<PolicyFile> kind,
                                          List<PolicyProblem> problems) {
        List<String> matches = base.files().stream().filter(kind).filter(f -> f.simpleName().equals(simpleName))
                .map(PolicyFile::name).toList();
        if (matches.size() == 1) return Optional.of(matches.get(0));
        List<String> known = base.files().stream().filter(kind).map(PolicyFile::simpleName).toList();
        problems.add(PolicyProblem.ofFile(simpleName, matches.isEmpty()
                ? "现行版本中没有同名文件，可替换的文件: " + known + " (no file of that name in the version in force; new tables are not accepted)"
                : "文件名不唯一: " + matches + " (ambiguous name)"));
        return Optional.empty();
    }

    private static ProblemException tooMany(String detail, List<PolicyProblem> errors) {
        return new ProblemException(413, "upload-limit", "上传内容超出限制 (upload exceeds a limit)", detail, errors, null);
    }

    private String write(List<PolicyProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Upload upload) {
        try {
            return Files.readAllBytes(upload.spooled());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
