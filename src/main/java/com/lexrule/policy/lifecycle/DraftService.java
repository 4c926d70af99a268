package com.lexrule.policy.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyStore;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.ProblemException;

/**
 * The legal officers' policy lifecycle: a draft is the version in force with some files replaced; it is validated
 * at once ({@link DraftIntake}), tested against its scenarios and back-tested against audited decisions
 * ({@link DraftTesting}), then approved by another person, which publishes it as the next version, or rejected
 * ({@link DraftApproval}). Published versions never change; an older one is restored by publishing its content again
 * as a new version. This class reads drafts and versions and holds what the three steps share: the drafts compiled
 * for this replica, and the checks that a family and a draft exist and a draft is still open.
 */
@ApplicationScoped
public class DraftService {

    private static final Logger LOG = Logger.getLogger(DraftService.class);
    static final String ADMIN = "admin";

    private final PolicyRegistry registry;
    private final PolicyStore versions;
    private final DraftStore drafts;
    private final ObjectMapper json;
    private final Map<Long, CompiledPolicy> compiledDrafts = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, CompiledPolicy> eldest) {
                    return size() > 4;
                }
            });

    public DraftService(PolicyRegistry registry, PolicyStore versions, DraftStore drafts, ObjectMapper json) {
        this.registry = registry;
        this.versions = versions;
        this.drafts = drafts;
        this.json = json;
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

    List<ScenarioRemoval> scenarioRemovals(DraftStore.Draft draft) {
        return ScenarioRemoval.between(versions.bundle(draft.family(), draft.baseVersion()), draft.bundle(), json);
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

    void requireOpen(DraftStore.Draft draft) {
        if (draft.status() == DraftStatus.APPROVED || draft.status() == DraftStatus.REJECTED) {
            throw alreadyDecided(draft);
        }
    }

    static ProblemException alreadyDecided(DraftStore.Draft draft) {
        return new ProblemException(409, "draft-decided", "草稿已处理 (the draft was already decided)",
                "草稿 " + draft.id() + " 已于 " + draft.decidedAt() + " 由 " + draft.decidedBy() + " "
                        + (draft.status() == DraftStatus.APPROVED ? "批准 (approved) as v" + draft.publishedVersion() : "驳回 (rejected)")
                        + "；草稿只能批准或驳回一次 (a draft is decided once)");
    }

    static ProblemException publicationConflict(String family) {
        return new ProblemException(409, "publication-conflict", "另一版本同时发布 (another version was published at the same moment)",
                "政策族 " + family + " 的另一版本刚刚发布，未发布任何内容；请查看最新版本后重试 (nothing was published; "
                        + "review the newest version and retry)");
    }

    /** Keeps a draft's compiled rules, so that testing and approval do not compile it again. */
    void remember(long id, CompiledPolicy compiled) {
        compiledDrafts.put(id, compiled);
    }

    CompiledPolicy compiledIfKept(long id) {
        return compiledDrafts.get(id);
    }

    void forget(long id) {
        compiledDrafts.remove(id);
    }

    CompiledPolicy compiled(DraftStore.Draft draft) {
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

    DraftStore.Draft draft(String family, long id) {
        requireFamily(family);
        return drafts.find(family, id).orElseThrow(() -> new NotFoundProblem("政策族 " + family + " 没有草稿 " + id + " (no such draft)"));
    }

    void requireFamily(String family) {
        if (!registry.families().contains(family)) {
            throw new NotFoundProblem("没有政策族 " + family + " (no such policy family); known: " + registry.families());
        }
    }

    List<PolicyProblem> problems(DraftStore.Draft draft) {
        try {
            return json.readValue(draft.problemsJson(), new TypeReference<List<PolicyProblem>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    DraftView view(DraftStore.Draft d) {
        return new DraftView(d.id(), d.family(), d.baseVersion(), d.status(), d.sha256(), d.note(), d.uploaded(), problems(d),
                d.createdBy(), d.createdAt(), d.decidedBy(), d.decidedAt(), d.decisionNote(), d.effectiveFrom(), d.publishedVersion(),
                scenarioRemovals(d));
    }
}
