package com.lexrule.policy.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyMetrics;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyStore;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.ProblemException;

/**
 * The last step: another person approves a draft, which publishes it as the next version once its scenarios pass
 * and any scenario it drops is confirmed, or rejects it; and an older version is published again as a new one
 * (the one-call rollback). Each publication stamps the manifest with its date, note and provenance.
 */
@ApplicationScoped
public class DraftApproval {

    private static final Logger LOG = Logger.getLogger(DraftApproval.class);

    private final PolicyRegistry registry;
    private final PolicyMetrics metrics;
    private final PolicyStore versions;
    private final DraftStore store;
    private final DraftService drafts;
    private final ScenarioRunner scenarios;
    private final ObjectMapper json;

    public DraftApproval(PolicyRegistry registry, PolicyStore versions, DraftStore store, DraftService drafts, ScenarioRunner scenarios,
                         ObjectMapper json, PolicyMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
        this.versions = versions;
        this.store = store;
        this.drafts = drafts;
        this.scenarios = scenarios;
        this.json = json;
    }

    public DraftService.Publication approve(String family, long id, LocalDate effectiveFrom, String changeNote,
                               boolean confirmScenarioRemoval, DraftService.Actor approver) {
        DraftStore.Draft draft = drafts.draft(family, id);
        drafts.requireOpen(draft);
        if (draft.createdBy().equals(approver.name())) {
            throw new ProblemException(403, "self-approval", "不得批准本人起草的草稿 (you may not approve your own draft)",
                    "草稿 " + id + " 由 " + draft.createdBy() + " 起草，须由另一名审批人批准（双人原则） (four-eyes principle: "
                            + "another approver must approve)");
        }
        if (draft.status() == DraftStatus.INVALID) {
            throw new ProblemException(422, "draft-invalid", "草稿无法编译，不能批准 (the draft does not compile)",
                    "草稿 " + id + " 有 " + drafts.problems(draft).size() + " 处编译错误 (compile errors)", drafts.problems(draft), null);
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
        CompiledPolicy compiled = drafts.compiled(draft);
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
            version = store.approve(id, stamped, approver.name(), effectiveFrom, changeNote).orElseThrow();
        } catch (DraftStore.AlreadyDecided e) {
            throw DraftService.alreadyDecided(drafts.draft(family, id));
        } catch (DraftStore.PublicationConflict e) {
            throw DraftService.publicationConflict(family);
        }
        registry.install(version, stamped, compiled);
        drafts.forget(id);
        metrics.approved(family);
        LOG.infof("draft %d of %s drafted by %s approved by %s: published v%d effective %s", id, family,
                draft.createdBy(), approver.name(), version.version(), effectiveFrom);
        return new DraftService.Publication(PolicyRef.of(version), version.effectiveFrom(), version.changeNote(), version.publishedBy(),
                version.publishedAt(), id, draft.createdBy(), null, removals.isEmpty() ? null : removals);
    }

    /**
     * The scenarios the draft removes from its base version, which the approver must have confirmed: a draft that
     * tests less would otherwise pass its scenario run and be approved without anyone seeing what was dropped.
     */
    private List<ScenarioRemoval> confirmedScenarioRemovals(DraftStore.Draft draft, boolean confirmed) {
        List<ScenarioRemoval> removals = drafts.scenarioRemovals(draft);
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

    public DraftService.DraftView reject(String family, long id, String reason, DraftService.Actor approver) {
        DraftStore.Draft draft = drafts.draft(family, id);
        drafts.requireOpen(draft);
        if (!store.reject(id, approver.name(), reason)) {
            throw DraftService.alreadyDecided(drafts.draft(family, id));
        }
        metrics.rejected(family);
        return drafts.view(drafts.draft(family, id));
    }

    /** Publishes an older version's content again, as a new version with its own date and note: the one-call rollback. */
    public DraftService.Publication republish(String family, int from, LocalDate effectiveFrom, String changeNote, DraftService.Actor actor) {
        drafts.requireFamily(family);
        if (registry.versions(family).stream().noneMatch(v -> v.version() == from)) {
            throw new NotFoundProblem("政策版本 " + family + " v" + from + " 不存在 (no such policy version)");
        }
        requireEffectiveDate(effectiveFrom);
        PolicyBundle stamped = stamp(versions.bundle(family, from), effectiveFrom, changeNote, "republishedFrom", from);
        CompiledPolicy compiled = registry.compileTrial(stamped, actor.name());
        PolicyVersion version;
        try {
            version = store.publish(stamped, actor.name());
        } catch (DraftStore.PublicationConflict e) {
            throw DraftService.publicationConflict(family);
        }
        registry.install(version, stamped, compiled);
        metrics.approved(family);
        LOG.infof("%s v%d republished by %s as v%d effective %s", family, from, actor.name(), version.version(), effectiveFrom);
        return new DraftService.Publication(PolicyRef.of(version), version.effectiveFrom(), version.changeNote(), version.publishedBy(),
                version.publishedAt(), null, null, from, null);
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
}
