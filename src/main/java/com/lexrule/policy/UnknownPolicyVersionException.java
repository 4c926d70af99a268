package com.lexrule.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.lexrule.problem.Problem;
import com.lexrule.problem.ProblemException;

/** A caller pinned a policy version that does not exist, or is not yet in force on the date of the request. */
public class UnknownPolicyVersionException extends ProblemException {
    private final String family;
    private final List<PolicyVersion> available;

    public UnknownPolicyVersionException(String family, String message, List<PolicyVersion> available) {
        super(message, 422, "unknown-policy-version", "政策版本不可用 (policy version not available)", message,
                List.of(new Problem.FieldError("policyVersion", message)), Map.of("family", family, "availableVersions",
                        available.stream().map(UnknownPolicyVersionException::describe).toList()));
        this.family = family;
        this.available = List.copyOf(available);
    }

    private static Map<String, Object> describe(PolicyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("effectiveFrom", v.effectiveFrom().toString());
        m.put("sha256", v.sha256());
        return m;
    }

    public String family() { return family; }
    public List<PolicyVersion> available() { return available; }
}
