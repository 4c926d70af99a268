package com.lexrule.engine;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which facts a request left out, as a fact for the rules, and which of them the rules name as missing: those that,
 * had they been stated, could have changed this outcome. Whether an unstated fact matters is doctrine (a prior
 * intentional crime matters only where CPL 81 ¶3 could still apply), so the rules decide it, each with its reason,
 * and this class only knows what the request did not say. A family inserts one with its facts and reports
 * {@link #named()} as the answer's {@code missingFacts}, in the order the rules named them.
 */
public final class MissingFacts {

    private final Set<String> unstated;
    private final Set<String> named = new LinkedHashSet<>();

    private MissingFacts(Set<String> unstated) {
        this.unstated = unstated;
    }

    /** The request's fields, by their JSON names, that it left out (null). */
    public static MissingFacts of(Record request) {
        Set<String> unstated = new LinkedHashSet<>();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            try {
                if (component.getAccessor().invoke(request) == null) {
                    unstated.add(component.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + request.getClass(), e);
            }
        }
        return new MissingFacts(unstated);
    }

    public boolean isUnstated(String field) {
        return unstated.contains(field);
    }

    /** Called by a rule: this fact, if the request left it out, could change the outcome. A stated fact is not missing. */
    public void name(String field) {
        if (unstated.contains(field)) {
            named.add(field);
        }
    }

    public List<String> named() {
        return List.copyOf(named);
    }
}
