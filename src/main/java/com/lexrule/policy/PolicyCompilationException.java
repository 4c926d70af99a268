package com.lexrule.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that does not compile or validate, with every problem found, each placed by file and cell. */
public class PolicyCompilationException extends RuntimeException {
    private final String family;
    private final List<PolicyProblem> problems;

    public PolicyCompilationException(String family, List<PolicyProblem> problems) {
        super("policy family '" + family + "' is broken:\n  " + problems.stream().map(PolicyProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.family = family;
        this.problems = List.copyOf(problems);
    }

    public String family() { return family; }
    public List<PolicyProblem> problems() { return problems; }
}
