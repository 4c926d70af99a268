package com.lexrule.policy.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ss.usermodel.Workbook;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompilationException;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyMetrics;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyStore;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.policy.table.SheetCells;
import com.lexrule.policy.table.TableReader;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.ProblemException;

/**
 * The legal officers' policy lifecycle: a draft is the version in force with some files replaced; it is validated
 * at once, tested against its scenarios and back-tested against audited decisions, then approved by another person,
 * which publishes it as the next version, or rejected. Published versions never change; an older one is restored by
 * publishing its content again as a new version.
 */
@ApplicationScoped
public class DraftService {

    private static final Logger LOG = Logger.getLogger(DraftService.class);
    static final String ADMIN = "admin";

    private final PolicyRegistry registry;
    private final PolicyStore versions;
    private final DraftStore drafts;
    private final ScenarioRunner scenarios;
    private final Backtester backtester;
    private final ObjectMapper json;
    private final LifecycleLimits limits;
    private final PolicyMetrics metrics;
    private final Map<Long, CompiledPolicy> compiledDrafts = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, CompiledPolicy> eldest) {
                    return size() > 4;
                }
            });

    public DraftService(PolicyRegistry registry, PolicyStore versions, DraftStore drafts, ScenarioRunner scenarios,
                        Backtester backtester, ObjectMapper json, LifecycleLimits limits, PolicyMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
        this.versions = versions;
        this.drafts = drafts;
        this.scenarios = scenarios;
        this.backtester = backtester;
        this.json = json;
        this.limits = limits;
    }

    /** A draft as shown to officers and approvers. */
    public record DraftView(long id, String family, int baseVersion, DraftStatus status, String sha256, String note,
                            List<String> uploadedFiles, List<PolicyProblem> errors, String createdBy, Instant createdAt,
                            String decidedBy, Instant decidedAt, String decisionNote, LocalDate effectiveFrom,
                            Integer publishedVersion, List<ScenarioRemoval> scenarioRemovals) {
    }

    /** A published version as the approval or the republication answers it (draft fields for an approval, republishedFrom for a rollback). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Publication(PolicyRef policy, LocalDate effectiveFrom, String changeNote, String publishedBy,
                              Instant publishedAt, Long draftId, String draftedBy, Integer republishedFrom,
                              List<ScenarioRemoval> confirmedScenarioRemovals) {
    }

    /** Who is acting: the name and whether the role admin (allowed to change DRL) is held. */
    public record Actor(String name, boolean admin) {
    }

    // ---------------------------------------------------------------- drafts

    public DraftView create(String family, List<Upload> uploads, String note, Actor actor) {
        requireFamily(family);
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
        long id = drafts.create(family, base.version().version(), bundle, List.copyOf(replaced.keySet()), status,
                write(compileProblems), note, actor.name());
        if (compiled != null) compiledDrafts.put(id, compiled);
        metrics.drafted(family, status == DraftStatus.VALID);
        LOG.infof("draft %d of %s (based on v%d) by %s: %s, files %s", id, family, base.version().version(), actor.name(),
                status, replaced.keySet());
        return view(drafts.find(family, id).orElseThrow());
    }

    public DraftView get(String family, long id) {
        return view(draft(family, id));
    }

    public List<DraftView> list(String family) {
        requireFamily(family);
        return drafts.list(family).stream().map(this::view).toList();
    }

    public PolicyFile draftFile(String family, long id, String name) {
        return draft(family, id).bundle().file(name)
                .orElseThrow(() -> new NotFoundProblem("草稿 " + id + " 中没有文件 " + name + " (no such file in the draft)"));
    }

    // ---------------------------------------------------------------- tests and impact

    public ScenarioRunner.ScenarioReport scenarioRun(String family, long id) {
        return scenarios.run(compiled(draft(family, id)));
    }

    public Backtester.Report backtest(String family, long id, int limit) {
        if (limit < 1 || limit > limits.maxBacktest()) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "limit 须在 1 至 " + limits.maxBacktest() + " 之间 (limit must be 1.." + limits.maxBacktest() + ")");
        }
        DraftStore.Draft draft = draft(family, id);
        CompiledPolicy after = compiled(draft);
        CompiledPolicy before = registry.resolve(family, draft.baseVersion());
        return backtester.run(before, after, drafts.recentRequests(family, limit));
    }

    public List<PolicyDiff.Change> draftDiff(String family, long id) {
        DraftStore.Draft draft = draft(family, id);
        CompiledPolicy compiled = compiledDrafts.get(id);
        return PolicyDiff.diff(registry.bundle(family, draft.baseVersion()), compiled == null ? draft.bundle() : compiled.bundle(), json);
    }

    // ---------------------------------------------------------------- approval

    public Publication approve(String family, long id, LocalDate effectiveFrom, String changeNote,
                               boolean confirmScenarioRemoval, Actor approver) {
        DraftStore.Draft draft = draft(family, id);
        requireOpen(draft);
        if (draft.createdBy().equals(approver.name())) {
            throw new ProblemException(403, "self-approval", "不得批准本人起草的草稿 (you may not approve your own draft)",
                    "草稿 " + id + " 由 " + draft.createdBy() + " 起草，须由另一名审批人批准（双人原则） (four-eyes principle: "
                            + "another approver must approve)");
        }
        if (draft.status() == DraftStatus.INVALID) {
            throw new ProblemException(422, "draft-invalid", "草稿无法编译，不能批准 (the draft does not compile)",
                    "草稿 " + id + " 有 " + problems(draft).size() + " 处编译错误 (compile errors)", problems(draft), null);
        }
        requireEffectiveDate(effectiveFrom);
        // Read from the database, not this replica's view: another replica may have published a moment ago.
        Optional<PolicyVersion> newer = versions.versions().stream()
                .filter(v -> v.family().equals(family) && v.version() > draft.baseVersion() && v.publishedAt() != null
                        && v.publishedAt().isAfter(draft.createdAt()))
                .findFirst();
        if (newer.isPresent()) {
            throw new ProblemException(409, "draft-outdated", "草稿已过时 (the policy changed since the draft was made)",
                    "草稿基于 v" + draft.baseVersion() + "，其后已发布 v" + newer.get().version() + "；批准会撤销该版本的修改，请基于现行版本重新起草 "
                            + "(approving would undo v" + newer.get().version() + "; draft again from the version in force)");
        }
        CompiledPolicy compiled = compiled(draft);
        ScenarioRunner.ScenarioReport report = scenarios.run(compiled);
        if (report.failed() > 0) {
            throw new ProblemException(422, "scenarios-failed", "情景测试未通过，不能批准 (scenarios fail)",
                    report.failed() + " / " + report.total() + " 个情景未通过 (scenarios failed)", report.failures(), null);
        }
        List<ScenarioRemoval> removals = confirmedScenarioRemovals(draft, confirmScenarioRemoval);
        Map<String, Object> approval = new LinkedHashMap<>();
        approval.put("draftId", id);
        approval.put("basedOnVersion", draft.baseVersion());
        approval.put("draftedBy", draft.createdBy());
        approval.put("approvedBy", approver.name());
        if (!removals.isEmpty()) {
            approval.put("scenarioRemovalConfirmed", removals); // in the manifest, so the version's hash covers it
        }
        PolicyBundle stamped = stamp(draft.bundle(), effectiveFrom, changeNote, "approval", approval);
        PolicyVersion version;
        try {
            version = drafts.approve(id, stamped, approver.name(), effectiveFrom, changeNote).orElseThrow();
        } catch (DraftStore.AlreadyDecided e) {
            throw alreadyDecided(draft(family, id));
        } catch (DraftStore.PublicationConflict e) {
            throw publicationConflict(family);
        }
        registry.install(version, stamped, compiled);
        compiledDrafts.remove(id);
        metrics.approved(family);
        LOG.infof("draft %d of %s drafted by %s approved by %s: published v%d effective %s", id, family,
                draft.createdBy(), approver.name(), version.version(), effectiveFrom);
        return new Publication(PolicyRef.of(version), version.effectiveFrom(), version.changeNote(), version.publishedBy(),
                version.publishedAt(), id, draft.createdBy(), null, removals.isEmpty() ? null : removals);
    }

    /**
     * The scenarios the draft removes from its base version, which the approver must have confirmed: a draft that
     * tests less would otherwise pass its scenario run and be approved without anyone seeing what was dropped.
     */
    private List<ScenarioRemoval> confirmedScenarioRemovals(DraftStore.Draft draft, boolean confirmed) {
        List<ScenarioRemoval> removals = scenarioRemovals(draft);
        if (!removals.isEmpty() && !confirmed) {
            throw new ProblemException(422, "scenario-removal-unconfirmed", "草稿删减了情景测试，须审批人明确确认 (the draft removes scenarios)",
                    "草稿 " + draft.id() + " 删减了 " + removals.size() + " 个情景文件中的情景；核对后以 \"confirmScenarioRemoval\": true 批准，"
                            + "或驳回 (confirm with \"confirmScenarioRemoval\": true, or reject)",
                    removals.stream().map(r -> PolicyProblem.ofFile(r.file(), r.reason() + "：发布版 " + r.published()
                            + " 个，草稿 " + r.remaining() + " 个 (published " + r.published() + ", draft " + r.remaining() + ")")).toList(),
                    null);
        }
        return removals;
    }

    private List<ScenarioRemoval> scenarioRemovals(DraftStore.Draft draft) {
        return ScenarioRemoval.between(versions.bundle(draft.family(), draft.baseVersion()), draft.bundle(), json);
    }

    public DraftView reject(String family, long id, String reason, Actor approver) {
        DraftStore.Draft draft = draft(family, id);
        requireOpen(draft);
        if (!drafts.reject(id, approver.name(), reason)) {
            throw alreadyDecided(draft(family, id));
        }
        metrics.rejected(family);
        return view(draft(family, id));
    }

    /** Publishes an older version's content again, as a new version with its own date and note: the one-call rollback. */
    public Publication republish(String family, int from, LocalDate effectiveFrom, String changeNote, Actor actor) {
        requireFamily(family);
        if (registry.versions(family).stream().noneMatch(v -> v.version() == from)) {
            throw new NotFoundProblem("政策版本 " + family + " v" + from + " 不存在 (no such policy version)");
        }
        requireEffectiveDate(effectiveFrom);
        PolicyBundle stamped = stamp(versions.bundle(family, from), effectiveFrom, changeNote, "republishedFrom", from);
        CompiledPolicy compiled = registry.compileTrial(stamped, actor.name());
        PolicyVersion version;
        try {
            version = drafts.publish(stamped, actor.name());
        } catch (DraftStore.PublicationConflict e) {
            throw publicationConflict(family);
        }
        registry.install(version, stamped, compiled);
        metrics.approved(family);
        LOG.infof("%s v%d republished by %s as v%d effective %s", family, from, actor.name(), version.version(), effectiveFrom);
        return new Publication(PolicyRef.of(version), version.effectiveFrom(), version.changeNote(), version.publishedBy(),
                version.publishedAt(), null, null, from, null);
    }

    public List<PolicyDiff.Change> diff(String family, int from, int to) {
        requireFamily(family);
        for (int v : new int[] {from, to}) {
            if (registry.versions(family).stream().noneMatch(x -> x.version() == v)) {
                throw new NotFoundProblem("政策版本 " + family + " v" + v + " 不存在 (no such policy version)");
            }
        }
        return PolicyDiff.diff(registry.bundle(family, from), registry.bundle(family, to), json);
    }

    // ---------------------------------------------------------------- helpers

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

    private PolicyBundle stamp(PolicyBundle bundle, LocalDate effectiveFrom, String changeNote, String key, Object value) {
        try {
            ObjectNode manifest = (ObjectNode) json.readTree(bundle.file(PolicyFile.MANIFEST).orElseThrow().content());
            manifest.put("effectiveFrom", effectiveFrom.toString());
            manifest.put("changeNote", changeNote);
            manifest.remove(List.of("approval", "republishedFrom"));
            manifest.set(key, json.valueToTree(value));
            byte[] content = json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8);
            List<PolicyFile> files = new ArrayList<>();
            for (PolicyFile file : bundle.files()) {
                files.add(file.name().equals(PolicyFile.MANIFEST) ? new PolicyFile(PolicyFile.MANIFEST, content) : file);
            }
            return new PolicyBundle(bundle.family(), files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireEffectiveDate(LocalDate effectiveFrom) {
        if (effectiveFrom.isBefore(registry.today())) {
            throw new ProblemException(422, "effective-date-past", "生效日期不得早于今日 (effectiveFrom may not be in the past)",
                    "政策不溯及既往：生效日期 " + effectiveFrom + " 早于今日 " + registry.today() + " (a policy does not apply retroactively)");
        }
    }

    private void requireOpen(DraftStore.Draft draft) {
        if (draft.status() == DraftStatus.APPROVED || draft.status() == DraftStatus.REJECTED) {
            throw alreadyDecided(draft);
        }
    }

    private static ProblemException alreadyDecided(DraftStore.Draft draft) {
        return new ProblemException(409, "draft-decided", "草稿已处理 (the draft was already decided)",
                "草稿 " + draft.id() + " 已于 " + draft.decidedAt() + " 由 " + draft.decidedBy() + " "
                        + (draft.status() == DraftStatus.APPROVED ? "批准 (approved) as v" + draft.publishedVersion() : "驳回 (rejected)")
                        + "；草稿只能批准或驳回一次 (a draft is decided once)");
    }

    private static ProblemException publicationConflict(String family) {
        return new ProblemException(409, "publication-conflict", "另一版本同时发布 (another version was published at the same moment)",
                "政策族 " + family + " 的另一版本刚刚发布，未发布任何内容；请查看最新版本后重试 (nothing was published; "
                        + "review the newest version and retry)");
    }

    private static ProblemException tooMany(String detail, List<PolicyProblem> errors) {
        return new ProblemException(413, "upload-limit", "上传内容超出限制 (upload exceeds a limit)", detail, errors, null);
    }

    private CompiledPolicy compiled(DraftStore.Draft draft) {
        if (draft.status() == DraftStatus.INVALID) {
            throw new ProblemException(422, "draft-invalid", "草稿无法编译 (the draft does not compile)",
                    "草稿 " + draft.id() + " 有编译错误 (compile errors)", problems(draft), null);
        }
        CompiledPolicy cached = compiledDrafts.get(draft.id());
        if (cached != null) return cached;
        CompiledPolicy compiled = registry.compileTrial(draft.bundle(), draft.createdBy());
        compiledDrafts.put(draft.id(), compiled);
        return compiled;
    }

    private DraftStore.Draft draft(String family, long id) {
        requireFamily(family);
        return drafts.find(family, id).orElseThrow(() -> new NotFoundProblem("政策族 " + family + " 没有草稿 " + id + " (no such draft)"));
    }

    private void requireFamily(String family) {
        if (!registry.families().contains(family)) {
            throw new NotFoundProblem("没有政策族 " + family + " (no such policy family); known: " + registry.families());
        }
    }

    private List<PolicyProblem> problems(DraftStore.Draft draft) {
        try {
            return json.readValue(draft.problemsJson(), new TypeReference<List<PolicyProblem>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    private DraftView view(DraftStore.Draft d) {
        return new DraftView(d.id(), d.family(), d.baseVersion(), d.status(), d.sha256(), d.note(), d.uploaded(), problems(d),
                d.createdBy(), d.createdAt(), d.decidedBy(), d.decidedAt(), d.decisionNote(), d.effectiveFrom(), d.publishedVersion(),
                scenarioRemovals(d));
    }
}
