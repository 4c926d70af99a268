package com.lexrule.casefile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.policy.PolicyRef;
import com.lexrule.review.AccountabilityService;
import com.lexrule.review.Objection;
import com.lexrule.review.ObjectionOutcome;
import com.lexrule.review.OfficerDecision;

/**
 * Everything recorded about one case, in time order (随案推送、全程留痕): each assessment of every family at every stage
 * with the exact policy that decided it and what changed since the family's previous assessment of the case; the
 * officers' decisions and their corrections; objections, their outcomes and the re-assessments they caused; and the
 * arrest decisions a bail or compensation assessment used. It is read from the audit trail as recorded: nothing is
 * evaluated again, and other cases of the same subject are named as related, never merged into this one.
 */
@ApplicationScoped
public class CaseTimeline {

    /** Request fields that name the case rather than state a fact of it: never reported as a change. */
    static final Set<String> NOT_FACTS = Set.of("caseId", "subjectId");

    @Schema(name = "CaseTimeline", description = "案件全流程记录（随案推送、全程留痕）")
    public record Timeline(String caseId, List<String> subjectIds, List<Entry> entries,
                           @Schema(description = "同一犯罪嫌疑人的其他案件：仅列出关联，不合并") List<DecisionLedger.SubjectCase> relatedCases) {
    }

    public enum Kind { ASSESSMENT, OFFICER_DECISION, OBJECTION, OBJECTION_OUTCOME }

    /**
     * One entry; which fields it carries depends on its kind.
     *
     * @param linkedDecisionId for a bail assessment, the arrest decision whose color it used; for an officer
     *                         decision or an objection, the assessment it concerns; for a re-assessment, none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Kind kind, Instant at, String id, String family, String stage, PolicyRef policy,
                        String outcome, String recommendation, String color, String linkedDecisionId,
                        String objectionId, Change change, String by, String taken, Boolean agrees, String reason,
                        Integer revision, String corrects, String grounds, List<String> reassessments) {
    }

    /** What changed since the same family's previous assessment of the case. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String previousDecisionId, List<FactChange> facts, List<String> findingsAdded,
                         List<String> findingsRemoved, String outcomeBefore, String outcomeAfter, boolean outcomeChanged) {
    }

    public record FactChange(String field, JsonNode before, JsonNode after) {
    }

    private final DecisionLedger ledger;
    private final AccountabilityService accountability;

    public CaseTimeline(DecisionLedger ledger, AccountabilityService accountability) {
        this.ledger = ledger;
        this.accountability = accountability;
    }

    /** The case's timeline, or null when nothing is recorded about it. */
    @Transactional
    public Timeline of(String caseId) {
        List<DecisionView> assessments = ledger.ofCaseWithContent(caseId);
        if (assessments.isEmpty()) return null;
        List<Entry> entries = new ArrayList<>();
        Map<String, DecisionView> previousByFamily = new HashMap<>();
        Set<String> subjects = new TreeSet<>();
        for (DecisionView d : assessments) {
            subjects.add(d.subjectId());
            DecisionView previous = previousByFamily.put(d.family(), d);
            String arrestDecision = d.request() == null ? null : text(d.request().get("arrestDecisionId"));
            entries.add(new Entry(Kind.ASSESSMENT, d.decidedAt(), d.decisionId(), d.family(), d.stage(), d.policy(),
                    d.outcome(), d.recommendation(), d.color(), arrestDecision, d.objectionId(),
                    previous == null ? null : change(previous, d), d.caller(), null, null, null, null, null, null, null));
            for (OfficerDecision o : accountability.officerDecisions(d.decisionId())) {
                entries.add(new Entry(Kind.OFFICER_DECISION, o.recordedAt, o.id, d.family(), d.stage(), null, null, null,
                        null, d.decisionId(), null, null, o.officer, o.taken, o.agrees, o.reason, o.revision, o.correctsId,
                        null, null));
            }
            for (Objection objection : accountability.objections(d.decisionId())) {
                entries.add(new Entry(Kind.OBJECTION, objection.recordedAt, objection.id, d.family(), d.stage(), null,
                        null, null, null, d.decisionId(), objection.id, null, objection.objector, null, null, null, null,
                        null, objection.grounds, null));
                ObjectionOutcome outcome = accountability.outcomeOf(objection.id);
                if (outcome != null) {
                    entries.add(new Entry(Kind.OBJECTION_OUTCOME, outcome.decidedAt, outcome.id, d.family(), d.stage(),
                            null, outcome.outcome, null, null, d.decisionId(), objection.id, null, outcome.decidedBy, null,
                            null, outcome.reason, null, null, null, ledger.reassessmentsOf(objection.id)));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::at).thenComparing(e -> e.kind().ordinal()));
        return new Timeline(caseId, List.copyOf(subjects), entries, ledger.otherCasesOf(subjects, caseId));
    }

    static Change change(DecisionView before, DecisionView after) {
        List<FactChange> facts = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        before.request().fieldNames().forEachRemaining(fields::add);
        after.request().fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (NOT_FACTS.contains(field)) continue;
            JsonNode was = normalised(before.request().get(field));
            JsonNode is = normalised(after.request().get(field));
            if (!Objects.equals(was, is)) facts.add(new FactChange(field, was, is));
        }
        Set<String> rulesBefore = ruleIds(before.response());
        Set<String> rulesAfter = ruleIds(after.response());
        List<String> added = rulesAfter.stream().filter(r -> !rulesBefore.contains(r)).toList();
        List<String> removed = rulesBefore.stream().filter(r -> !rulesAfter.contains(r)).toList();
        return new Change(before.decisionId(), facts, added, removed, before.outcome(), after.outcome(),
                !Objects.equals(before.outcome(), after.outcome()));
    }

    /** An absent field and a JSON null say the same: not stated. */
    private static JsonNode normalised(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    private static Set<String> ruleIds(JsonNode answer) {
        Set<String> ids = new LinkedHashSet<>();
        if (answer == null) return ids;
        for (Iterator<JsonNode> it = answer.path("findings").elements(); it.hasNext(); ) ids.add(it.next().path("ruleId").asText());
        return ids;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }
}
