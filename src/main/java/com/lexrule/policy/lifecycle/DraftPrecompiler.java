package com.lexrule.policy.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.lexrule.policy.PolicyNotifications;
import com.lexrule.policy.PolicyRegistry;

/**
 * Compiles here a draft another replica has validated, as soon as it is announced: approved later, it is then
 * served here within the second of its publication instead of after a compile of its own.
 */
@ApplicationScoped
public class DraftPrecompiler {

    private final DraftStore drafts;
    private final PolicyRegistry registry;

    public DraftPrecompiler(DraftStore drafts, PolicyRegistry registry) {
        this.drafts = drafts;
        this.registry = registry;
    }

    void validatedElsewhere(@Observes PolicyNotifications.DraftValidated announced) {
        drafts.find(announced.family(), announced.draftId()).filter(d -> d.status() == DraftStatus.VALID)
                .ifPresent(draft -> registry.precompile(draft.bundle(), draft.createdBy()));
    }
}
