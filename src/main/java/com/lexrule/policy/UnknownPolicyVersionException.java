package com.lexrule.policy;

import java.util.List;

/** A caller pinned a policy version that does not exist, or is not yet in force on the date of the request. */
public class UnknownPolicyVersionException extends RuntimeException {
    private final String family;
    private final List<PolicyVersion> available;

    public UnknownPolicyVersionException(String family, String message, List<PolicyVersion> available) {
        super(message);
        this.family = family;
        this.available = List.copyOf(available);
    }

    public String family() { return family; }
    public List<PolicyVersion> available() { return available; }
}
