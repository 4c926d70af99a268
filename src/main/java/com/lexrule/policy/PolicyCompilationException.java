package com.lexrule.policy;

import java.util.List;
import java.util.stream.Collectors;

import com.lexrule.problem.ProblemException;
import com.lexrule.policy.table.PolicyProblem;

/** A policy that does not compile or validate, with every problem found, each placed by file and cell. */
public class PolicyCompilationException extends ProblemException {
    private final String family;
    private final List<PolicyProblem> problems;

    public PolicyCompilationException(String family, List<PolicyProblem> problems) {
        super("policy family '" + family + "' is broken:\n  " + problems.stream().map(PolicyProblem::toString)
                .collect(Collectors.joining("\n  ")), 422, "policy-invalid", "政策无法编译 (policy does not compile)",
                problems.size() + " 处错误；仍在使用上一个有效版本 (the last good version keeps serving)", problems, null);
        this.family = family;
        this.problems = List.copyOf(problems);
    }

    public String family() { return family; }
    public List<PolicyProblem> problems() { return problems; }
}
