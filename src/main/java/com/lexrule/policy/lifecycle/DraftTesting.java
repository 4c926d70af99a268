package com.lexrule.policy.lifecycle;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ProblemException;

/**
 * The second step: a draft is tested before anyone approves it, against its own scenarios, against the audited
 * requests its base version answered (a back-test: which answers would change), and by a diff of its files.
 */
@ApplicationScoped
public class DraftTesting {

    private final PolicyRegistry registry;
    private final DraftStore store;
    private final DraftService drafts;
    private final ScenarioRunner scenarios;
    private final Backtester backtester;
    private final ObjectMapper json;
    private final LifecycleLimits limits;

    public DraftTesting(PolicyRegistry registry, DraftStore store, DraftService drafts, ScenarioRunner scenarios, Backtester backtester,
                        ObjectMapper json, LifecycleLimits limits) {
        this.registry = registry;
        this.store = store;
        this.drafts = drafts;
        this.scenarios = scenarios;
        this.backtester = backtester;
        this.json = json;
        this.limits = limits;
    }

    public ScenarioRunner.ScenarioReport scenarioRun(String family, long id) {
        return scenarios.run(drafts.compiled(drafts.draft(family, id)));
    }

    public Backtester.Report backtest(String family, long id, int limit) {
        if (limit < 1 || limit > limits.maxBacktest()) {
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)",
                    "limit 须在 1 至 " + limits.maxBacktest() + " 之间 (limit must be 1.." + limits.maxBacktest() + ")");
        }
        DraftStore.Draft draft = drafts.draft(family, id);
        CompiledPolicy after = drafts.compiled(draft);
        CompiledPolicy before = registry.resolve(family, draft.baseVersion());
        return backtester.run(before, after, store.recentRequests(family, limit));
    }

    public List<PolicyDiff.Change> draftDiff(String family, long id) {
        DraftStore.Draft draft = drafts.draft(family, id);
        CompiledPolicy compiled = drafts.compiledIfKept(id);
        return PolicyDiff.diff(registry.bundle(family, draft.baseVersion()), compiled == null ? draft.bundle() : compiled.bundle(), json);
    }
}
