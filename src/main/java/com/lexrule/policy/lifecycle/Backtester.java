package com.lexrule.policy.lifecycle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.FamilyEvaluator.Evaluation;

/**
 * Replays a family's most recent audited requests under a draft and under the version the draft would replace,
 * and reports what the draft alone changes: outcomes, grade transitions (e.g. YELLOW→RED), and, per rule, how
 * many decisions it fires in only before or only after. Comparing with the version the draft is based on, not
 * with the answers recorded at the time, keeps earlier policy changes out of the draft's impact.
 */
@ApplicationScoped
public class Backtester {

    private static final int EXAMPLES = 10;

    private final Evaluators evaluators;
    private final ObjectMapper json;

    public Backtester(Evaluators evaluators, ObjectMapper json) {
        this.evaluators = evaluators;
        this.json = json;
    }

    /** A decision whose outcome the draft changes. */
    public record Example(String decisionId, String caseId, String outcomeBefore, String outcomeAfter,
                          List<String> rulesOnlyBefore, List<String> rulesOnlyAfter) {
    }

    /** How often a rule fires in only the old or only the new evaluation of the same request. */
    public record RuleShift(String ruleId, int firedOnlyBefore, int firedOnlyAfter) {
    }

    /** A request that could not be evaluated under one of the two versions, and why. */
    public record NotEvaluated(String decisionId, String reason) {
    }

    public record Report(String family, int baseVersion, int decisionsReplayed, int evaluated, int outcomesChanged,
                         int answersChanged, Map<String, Integer> gradeTransitions, Map<String, Integer> outcomeTransitions,
                         List<RuleShift> rules, List<Example> examples, List<NotEvaluated> notEvaluated) {
    }

    public Report run(CompiledPolicy before, CompiledPolicy after, List<DecisionLedger.AuditedRequest> requests) {
        String family = after.family();
        if (evaluators.ofFamily(family).isEmpty()) {
            throw Evaluators.missing(family, "无法回测 (the back-test cannot run)");
        }
        int evaluated = 0;
        int outcomesChanged = 0;
        int answersChanged = 0;
        Map<String, Integer> grades = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, int[]> rules = new TreeMap<>();
        List<Example> examples = new ArrayList<>();
        List<NotEvaluated> skipped = new ArrayList<>();
        for (DecisionLedger.AuditedRequest audited : requests) {
            JsonNode request;
            try {
                request = json.readTree(audited.requestJson());
            } catch (IOException e) {
                skipped.add(new NotEvaluated(audited.decisionId(), "记录的请求无法读取 (stored request unreadable)"));
                continue;
            }
            FamilyEvaluator evaluator = evaluators.forRequest(family, request).orElse(null);
            if (evaluator == null) {
                skipped.add(new NotEvaluated(audited.decisionId(), "没有接受此请求的评估器 (no evaluator accepts this request)"));
                continue;
            }
            Evaluation old;
            Evaluation now;
            try {
                old = evaluator.evaluate(before, request);
            } catch (RuntimeException e) {
                skipped.add(new NotEvaluated(audited.decisionId(), "原版本 v" + before.version().version() + ": " + e.getMessage()));
                continue;
            }
            try {
                now = evaluator.evaluate(after, request);
            } catch (RuntimeException e) {
                skipped.add(new NotEvaluated(audited.decisionId(), "草稿 (draft): " + e.getMessage()));
                continue;
            }
            evaluated++;
            Set<String> firedBefore = ScenarioRunner.firedRules(old.answer());
            Set<String> firedAfter = ScenarioRunner.firedRules(now.answer());
            Set<String> onlyBefore = new TreeSet<>(firedBefore);
            onlyBefore.removeAll(firedAfter);
            Set<String> onlyAfter = new TreeSet<>(firedAfter);
            onlyAfter.removeAll(firedBefore);
            onlyBefore.forEach(id -> rules.computeIfAbsent(id, k -> new int[2])[0]++);
            onlyAfter.forEach(id -> rules.computeIfAbsent(id, k -> new int[2])[1]++);
            if (!comparable(old.answer()).equals(comparable(now.answer()))) answersChanged++;
            if (!old.outcome().equals(now.outcome())) {
                outcomesChanged++;
                outcomes.merge(old.outcome() + "→" + now.outcome(), 1, Integer::sum);
                if (old.grade() != null && !old.grade().equals(now.grade())) {
                    grades.merge(old.grade() + "→" + now.grade(), 1, Integer::sum);
                }
                if (examples.size() < EXAMPLES) {
                    examples.add(new Example(audited.decisionId(), audited.caseId(), old.outcome(), now.outcome(),
                            List.copyOf(onlyBefore), List.copyOf(onlyAfter)));
                }
            }
        }
        List<RuleShift> shifts = rules.entrySet().stream()
                .map(e -> new RuleShift(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new Report(family, before.version().version(), requests.size(), evaluated, outcomesChanged, answersChanged,
                grades, outcomes, shifts, examples, skipped);
    }

    /** The answer without what differs on every call or names the version. */
    private static JsonNode comparable(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove(List.of("decisionId", "decidedAt", "policy"));
        return copy;
    }
}
