package com.lexrule.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.audit.DecisionRecorder;
import com.lexrule.engine.Finding;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.RequestReader;

import io.quarkus.arc.Arc;
import io.vertx.core.Context;

/**
 * The one way every family's assessment is decided: resolve the version (the one pinned, else the one in force
 * today) → check the request's codes against its catalog → evaluate its rules → record the decision → answer.
 * A {@link FamilyDefinition} says what differs by endpoint. The policy lifecycle's scenario runs, back-tests and
 * special reviews go through the same evaluation ({@link #trial}), under any compiled policy, without recording.
 *
 * <p>It holds no transaction: the recorder commits the decision on its own and returns once it is durable, so no
 * caller is answered before its decision is recorded, and nothing is held open while the rules fire. It blocks (a
 * pinned version may compile, the record waits for its commit), so it runs on worker threads, never on the event loop.
 */
@ApplicationScoped
public class AssessmentPipeline implements FamilyEvaluator.Endpoints {

    private final PolicyRegistry registry;
    private final PolicyEvaluator evaluator;
    private final DecisionRecorder recorder;
    private final RequestReader requests;
    private final Clock clock;
    private final List<FamilyDefinition<?, ?>> definitions;
    private final EvaluationPool pool;
    private final AssessmentMetrics metrics;
    private final Instance<CounterfactualOption> counterfactualOption;
    private final Instance<Counterfactuals.Search> counterfactuals;

    @Inject
    public AssessmentPipeline(PolicyRegistry registry, PolicyEvaluator evaluator, DecisionRecorder recorder,
                              RequestReader requests, Clock clock, @Any Instance<FamilyDefinition<?, ?>> definitions,
                              EvaluationPool pool, AssessmentMetrics metrics, Instance<CounterfactualOption> counterfactualOption,
                              Instance<Counterfactuals.Search> counterfactuals) {
        this(registry, evaluator, recorder, requests, clock, definitions.stream().toList(), pool, metrics,
                counterfactualOption, counterfactuals);
    }

    private AssessmentPipeline(PolicyRegistry registry, PolicyEvaluator evaluator, DecisionRecorder recorder,
                               RequestReader requests, Clock clock, List<FamilyDefinition<?, ?>> definitions,
                               EvaluationPool pool, AssessmentMetrics metrics, Instance<CounterfactualOption> counterfactualOption,
                               Instance<Counterfactuals.Search> counterfactuals) {
        this.registry = registry;
        this.evaluator = evaluator;
        this.recorder = recorder;
        this.requests = requests;
        this.clock = clock;
        this.definitions = List.copyOf(definitions);
        this.pool = pool;
        this.metrics = metrics;
        this.counterfactualOption = counterfactualOption;
        this.counterfactuals = counterfactuals;
    }

    /** Outside CDI (unit tests, benchmarks): evaluation alone, with no registry, recorder, JSON reader or endpoints. */
    public static AssessmentPipeline evaluation(PolicyEvaluator evaluator, Clock clock) {
        return new AssessmentPipeline(null, evaluator, null, null, clock, List.of(), null, null, null, null);
    }

    /**
     * Decides a request at an endpoint and records it; the answer is returned only once its record is committed.
     * Refused inside a caller's transaction: a decision's record commits by itself, never with other work.
     */
    @Transactional(Transactional.TxType.NEVER)
    public <R, A> A assess(FamilyDefinition<R, A> family, R request, Integer pinnedVersion, String caller) {
        long started = System.nanoTime();
        CompiledPolicy policy = null;
        try {
            policy = registry.resolve(family.family(), pinnedVersion);
            CompiledPolicy deciding = policy;
            String decisionId = UUID.randomUUID().toString();
            Instant decidedAt = now();
            boolean withCounterfactuals = counterfactualsRequested();
            A answer = pool.evaluate(() -> evaluate(family, deciding, request, decisionId, decidedAt, withCounterfactuals));
            FamilyDefinition.AuditColumns columns = family.columns(request, answer);
            recorder.record(new DecisionRecorder.Entry(decisionId, family.family(), columns.caseId(), columns.subjectId(),
                    columns.stage(), policy.version().version(), policy.version().sha256(), family.outcome(answer),
                    columns.recommendation(), columns.color(), columns.crimeType(), request, answer, caller, decidedAt,
                    endpointName(family), policy.bundle().manifest()));
            metrics.decided(family, policy, family.grade(answer), started);
            return answer;
        } catch (RuntimeException | Error e) {
            metrics.notDecided(family, policy, e, started);
            throw e;
        }
    }

    /** The endpoint's name, as policy.json's decidingRules and the review forms key it: the last segment of its path. */
    private static String endpointName(FamilyDefinition<?, ?> family) {
        return family.path().substring(family.path().lastIndexOf('/') + 1);
    }

    /**
     * A dry run for a client system's integration test: exactly what {@link #assess} would answer for the same call
     * under the same version, but nothing is recorded (no audit record, no statistics), and the answer says so
     * ({@code recorded: false}, no decision id).
     */
    @Transactional(Transactional.TxType.NEVER)
    public <R, A> A simulate(FamilyDefinition<R, A> family, R request, Integer pinnedVersion) {
        CompiledPolicy policy = registry.resolve(family.family(), pinnedVersion);
        boolean withCounterfactuals = counterfactualsRequested();
        return pool.evaluate(() -> evaluate(family, policy, request, null, now(), withCounterfactuals));
    }

    /**
     * The evaluation alone, under the policy given: what {@link #assess} answers, without choosing the version or
     * recording anything. A null {@code decisionId} marks a dry run ({@code recorded: false}).
     *
     * @throws com.lexrule.policy.UnknownCodeException when the request uses codes the policy does not know
     */
    public <R, A> A evaluate(FamilyDefinition<R, A> family, CompiledPolicy policy, R request, String decisionId,
                             Instant decidedAt) {
        return evaluate(family, policy, request, decisionId, decidedAt, false);
    }

    /**
     * As {@link #evaluate(FamilyDefinition, CompiledPolicy, R, String, Instant)}, with the answer carrying the
     * counterfactuals of the request under the same compiled policy when asked for: the search evaluates through
     * this same method, without them.
     */
    private <R, A> A evaluate(FamilyDefinition<R, A> family, CompiledPolicy policy, R request, String decisionId,
                              Instant decidedAt, boolean withCounterfactuals) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("an assessment blocks (compile, audit commit) and must not run on the event loop");
        }
        CodeCheck codes = new CodeCheck(policy.catalog());
        family.checkCodes(request, codes);
        codes.orThrow(policy.version());
        FamilyDefinition.Case<A> theCase = family.facts(policy, request);
        List<Finding> findings = evaluator.evaluate(policy, theCase.facts());
        Counterfactuals.Report report = withCounterfactuals
                ? counterfactuals.get().search(family, policy, requests.tree(request)) : null;
        return theCase.answer(new DecisionStamp(decisionId, PolicyRef.of(policy.version()), decidedAt, report), findings);
    }

    /** Whether this call asked for counterfactuals; false outside a request (a benchmark, a scheduled job). */
    private boolean counterfactualsRequested() {
        return counterfactualOption != null && Arc.container().requestContext().isActive()
                && counterfactualOption.isResolvable() && counterfactualOption.get().requested();
    }

    /**
     * A request given as JSON (a scenario, an audited request, a special review's row), read and validated as the
     * REST boundary would, evaluated under any compiled policy and never recorded.
     *
     * @throws jakarta.validation.ConstraintViolationException when the request is invalid
     * @throws com.lexrule.policy.UnknownCodeException when it uses codes the policy does not know
     */
    public <R, A> FamilyEvaluator.Evaluation trial(FamilyDefinition<R, A> family, CompiledPolicy policy, JsonNode json) {
        R request = requests.read(json, family.requestType());
        // Never recorded, so it has no decision id, as a dry run.
        A answer = evaluate(family, policy, request, null, now());
        return new FamilyEvaluator.Evaluation(requests.tree(answer), family.outcome(answer), family.grade(answer));
    }

    /** The lifecycle's evaluator of every endpoint: each family definition, evaluated by {@link #trial}. */
    @Override
    public List<FamilyEvaluator> all() {
        return definitions.stream().<FamilyEvaluator>map(this::evaluator).toList();
    }

    /** The lifecycle's evaluator of one endpoint. */
    public <R, A> FamilyEvaluator evaluator(FamilyDefinition<R, A> family) {
        return new FamilyEvaluator() {
            @Override public String family() { return family.family(); }
            @Override public String path() { return family.path(); }
            @Override public boolean accepts(JsonNode request) { return family.accepts(request); }
            @Override public Evaluation evaluate(CompiledPolicy policy, JsonNode request) { return trial(family, policy, request); }
        };
    }

    /** The decision time. The database keeps microseconds: answer the time that is recorded and hashed. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
