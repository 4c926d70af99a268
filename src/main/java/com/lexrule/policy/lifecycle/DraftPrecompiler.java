package com.lexrule.policy.lifecycle;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyNotifications;
import com.lexrule.policy.PolicyRegistry;

/**
 * Compiles here a draft another replica has validated, as soon as it is announced: approved later, it is then
 * served here within the second of its publication instead of after a compile of its own. Its scenarios are run on
 * it at once, also off the request path: a knowledge base's first evaluations load and optimise the rules' code
 * (measured: the first answers after a switch to a cold one took 2 s under load), and the scenarios are the
 * family's own cases.
 */
@ApplicationScoped
public class DraftPrecompiler {

    private static final Logger LOG = Logger.getLogger(DraftPrecompiler.class);
    /** Enough evaluations of each scenario for Drools to compile the constraints it first interprets (its threshold is 20). */
    private static final int WARM_ROUNDS = 25;

    private final DraftStore drafts;
    private final PolicyRegistry registry;
    private final ScenarioRunner scenarios;

    /** One draft at a time, on a thread of its own: the notifications' thread stays free to switch versions. */
    private final ManagedExecutor executor = ManagedExecutor.builder().maxAsync(1).maxQueued(-1).build();

    public DraftPrecompiler(DraftStore drafts, PolicyRegistry registry, ScenarioRunner scenarios) {
        this.drafts = drafts;
        this.registry = registry;
        this.scenarios = scenarios;
    }

    void validatedElsewhere(@Observes PolicyNotifications.DraftValidated announced) {
        executor.execute(() -> drafts.find(announced.family(), announced.draftId()).filter(d -> d.status() == DraftStatus.VALID)
                .flatMap(draft -> registry.precompile(draft.bundle(), draft.createdBy()))
                .ifPresent(this::warm));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private void warm(CompiledPolicy compiled) {
        long start = System.nanoTime();
        for (int round = 0; round < WARM_ROUNDS; round++) {
            scenarios.run(compiled);
        }
        LOG.infof("the draft of %s warmed by its scenarios, %d rounds, in %d ms", compiled.family(), WARM_ROUNDS,
                (System.nanoTime() - start) / 1_000_000);
    }
}
