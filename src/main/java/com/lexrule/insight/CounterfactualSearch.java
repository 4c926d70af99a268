package com.lexrule.insight;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.assessment.Counterfactuals;
import com.lexrule.assessment.Counterfactuals.Alternative;
import com.lexrule.assessment.Counterfactuals.Change;
import com.lexrule.assessment.Counterfactuals.Operation;
import com.lexrule.assessment.Counterfactuals.Report;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyManifest;
import com.lexrule.policy.PolicyManifest.ChangeableFact;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.RequestReader;
import com.lexrule.policy.UnknownCodeException;

/**
 * The smallest changes of a case's facts that change its outcome, found by evaluating the case again under the same
 * compiled policy with one fact changed, then two, up to a bound. Only the facts the policy declares changeable
 * ({@code counterfactuals} in its {@code policy.json}) are touched, so a fact the law holds fixed (the crime, the age,
 * the stage) never is. There is no second implementation of any rule: every outcome shown is the pipeline's own
 * evaluation, and every change set returned was evaluated once more from the original facts to confirm it.
 */
@ApplicationScoped
public class CounterfactualSearch implements Counterfactuals.Search {

    static final String NOTE = "反事实分析：仅改变政策声明为可变的事实，法律固定的事实（罪名、年龄、诉讼阶段等）保持不变；"
            + "每项改变均以同一政策版本重新评估核实。EVIDENCE 为可以补充提供的证据或条件，CIRCUMSTANCE 为案件情节，只能查明、不能补充。"
            + "本分析说明结论对事实的敏感程度，不是对事实的认定或者补充证据的要求。";

    private final AssessmentPipeline pipeline;
    private final RequestReader requests;
    private final int maxChanges;
    private final int maxEvaluations;
    private final int maxResults;

    public CounterfactualSearch(AssessmentPipeline pipeline, RequestReader requests,
                                @ConfigProperty(name = "lexrule.counterfactuals.max-changes", defaultValue = "2") int maxChanges,
                                @ConfigProperty(name = "lexrule.counterfactuals.max-evaluations", defaultValue = "600") int maxEvaluations,
                                @ConfigProperty(name = "lexrule.counterfactuals.max-results", defaultValue = "10") int maxResults) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.maxChanges = maxChanges;
        this.maxEvaluations = maxEvaluations;
        this.maxResults = maxResults;
    }

    /** Searches the changes of {@code request} (as the endpoint received it) that change its outcome under {@code policy}. */
    public <R, A> Report search(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode request) {
        return search(family, policy, request, maxResults);
    }

    /** As {@link #search(FamilyDefinition, CompiledPolicy, JsonNode)}, listing at most {@code limit} alternatives. */
    public <R, A> Report search(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode request, int limit) {
        PolicyManifest.Counterfactuals declared = policy.bundle().manifest().counterfactuals();
        Evaluated base = evaluate(family, policy, request);
        if (base == null) throw new IllegalArgumentException("the decision's own facts no longer evaluate");
        List<Change> candidates = candidates(family.requestType(), declared, policy.catalog(), request,
                constant -> requests.tree(constant).asText());

        Budget budget = new Budget(maxEvaluations);
        List<Alternative> found = new ArrayList<>();
        int size = 0;
        // Breadth first: a set is tried only once no smaller set changed the outcome, so every set returned is minimal.
        for (int k = 1; k <= maxChanges && found.isEmpty() && !budget.spent(); k++) {
            size = k;
            combine(family, policy, request, base, candidates, k, 0, new ArrayList<>(), found, budget);
        }
        List<Alternative> verified = found.stream().map(a -> verify(family, policy, request, base, a))
                .filter(Alternative::verified)
                .sorted(Comparator.comparing((Alternative a) -> !a.onlyEvidence()).thenComparing(a -> a.changes().size()))
                .toList();
        List<Alternative> shown = verified.stream().limit(limit).toList();
        return new Report(base.ref, base.outcome, base.grade, size, budget.used, !budget.spent(), shown,
                verified.size() - shown.size(), declared.fixed(), NOTE);
    }

    private <R, A> void combine(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode request, Evaluated base,
                                List<Change> candidates, int k, int from, List<Change> chosen, List<Alternative> found,
                                Budget budget) {
        if (chosen.size() == k) {
            if (budget.spent()) return;
            budget.used++;
            Evaluated changed = evaluate(family, policy, apply(request, chosen));
            if (changed != null && !changed.outcome.equals(base.outcome)) found.add(alternative(chosen, base, changed, false));
            return;
        }
        for (int i = from; i < candidates.size() && !budget.spent(); i++) {
            Change next = candidates.get(i);
            if (chosen.stream().anyMatch(c -> c.field().equals(next.field()) && (c.operation() == Operation.SET
                    || next.operation() == Operation.SET || c.value().equals(next.value())))) continue;
            chosen.add(next);
            combine(family, policy, request, base, candidates, k, i + 1, chosen, found, budget);
            chosen.remove(chosen.size() - 1);
        }
    }

    /** Evaluates the change set once more, from the original facts, and keeps it only if the outcome is the same. */
    private <R, A> Alternative verify(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode request,
                                      Evaluated base, Alternative candidate) {
        Evaluated again = evaluate(family, policy, apply(request, candidate.changes()));
        boolean holds = again != null && again.outcome.equals(candidate.outcome()) && !again.outcome.equals(base.outcome);
        return holds ? alternative(candidate.changes(), base, again, true) : candidate;
    }

    private static Alternative alternative(List<Change> changes, Evaluated base, Evaluated changed, boolean verified) {
        Set<String> starting = new LinkedHashSet<>(changed.rules);
        starting.removeAll(base.rules);
        Set<String> stopping = new LinkedHashSet<>(base.rules);
        stopping.removeAll(changed.rules);
        return new Alternative(List.copyOf(changes), changed.outcome, changed.grade, List.copyOf(starting),
                List.copyOf(stopping), changes.stream().allMatch(c -> "EVIDENCE".equals(c.kind())), verified);
    }

    /** Every single change the policy allows on this request, in the order the policy lists the facts. */
    static List<Change> candidates(Class<?> requestType, PolicyManifest.Counterfactuals declared, PolicyCatalog catalog, JsonNode request,
                                   java.util.function.Function<Object, String> asJson) {
        List<Change> changes = new ArrayList<>();
        for (ChangeableFact fact : declared.changeable()) {
            if (declared.fixed().contains(fact.field())) continue;
            Optional<RecordComponent> component = component(requestType, fact.field());
            if (component.isEmpty()) continue; // a fact of the family's other endpoint
            Class<?> type = component.get().getType();
            JsonNode value = request.path(fact.field());
            if (type == Boolean.class || type == boolean.class) {
                boolean now = value.asBoolean(false);
                changes.add(new Change(fact.field(), fact.label(), Operation.SET, String.valueOf(!now), now ? "否" : "是", fact.kind()));
            } else if (List.class.isAssignableFrom(type)) {
                Set<String> present = new LinkedHashSet<>();
                value.forEach(v -> present.add(v.asText()));
                for (String code : present) {
                    changes.add(new Change(fact.field(), fact.label(), Operation.REMOVE, code, label(catalog, fact, code), fact.kind()));
                }
                for (String code : codes(catalog, fact, type, asJson)) {
                    if (!present.contains(code)) {
                        changes.add(new Change(fact.field(), fact.label(), Operation.ADD, code, label(catalog, fact, code), fact.kind()));
                    }
                }
            } else {
                for (String code : codes(catalog, fact, type, asJson)) {
                    if (!code.equals(value.asText(null))) {
                        changes.add(new Change(fact.field(), fact.label(), Operation.SET, code, label(catalog, fact, code), fact.kind()));
                    }
                }
            }
        }
        return changes;
    }

    /** A code's possible values: its catalog sheet, or for a code the law fixes in Java (an enum), its constants as JSON writes them. */
    private static List<String> codes(PolicyCatalog catalog, ChangeableFact fact, Class<?> type,
                                      java.util.function.Function<Object, String> asJson) {
        if (fact.codes() != null && catalog.has(fact.codes())) return List.copyOf(catalog.entries(fact.codes()).keySet());
        if (type.isEnum()) return java.util.Arrays.stream(type.getEnumConstants()).map(asJson).toList();
        return List.of();
    }

    private static String label(PolicyCatalog catalog, ChangeableFact fact, String code) {
        return fact.codes() == null ? code : catalog.entry(fact.codes(), code).map(PolicyCatalog.Entry::label).orElse(code);
    }

    private static Optional<RecordComponent> component(Class<?> type, String field) {
        if (!type.isRecord()) return Optional.empty();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(field)) return Optional.of(c);
        }
        return Optional.empty();
    }

    static JsonNode apply(JsonNode request, List<Change> changes) {
        ObjectNode changed = request.deepCopy();
        for (Change change : changes) {
            switch (change.operation()) {
                case SET -> {
                    if ("true".equals(change.value()) || "false".equals(change.value())) {
                        changed.put(change.field(), Boolean.parseBoolean(change.value()));
                    } else {
                        changed.put(change.field(), change.value());
                    }
                }
                case ADD -> {
                    JsonNode list = changed.path(change.field());
                    ArrayNode codes = list.isArray() ? (ArrayNode) list : changed.putArray(change.field());
                    codes.add(change.value());
                }
                case REMOVE -> {
                    ArrayNode codes = (ArrayNode) changed.get(change.field());
                    for (int i = codes.size() - 1; i >= 0; i--) {
                        if (codes.get(i).asText().equals(change.value())) codes.remove(i);
                    }
                }
            }
        }
        return changed;
    }

    private record Evaluated(PolicyRef ref, String outcome, String grade, Set<String> rules) {
    }

    /** The pipeline's evaluation of one set of facts, or null when the changed facts are not a valid request. */
    private <R, A> Evaluated evaluate(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode request) {
        try {
            R typed = requests.read(request, family.requestType());
            A answer = pipeline.evaluate(family, policy, typed, null, Instant.EPOCH);
            Set<String> rules = new LinkedHashSet<>();
            requests.tree(answer).path("findings").forEach(f -> rules.add(f.path("ruleId").asText()));
            return new Evaluated(PolicyRef.of(policy.version()), family.outcome(answer), family.grade(answer), rules);
        } catch (ConstraintViolationException | UnknownCodeException | IllegalArgumentException invalid) {
            // e.g. a change that the endpoint's own validation refuses in combination with the other facts
            return null;
        }
    }

    private static final class Budget {
        final int limit;
        int used;

        Budget(int limit) {
            this.limit = limit;
        }

        boolean spent() {
            return used >= limit;
        }
    }
}
