package com.lexrule.policy;

import java.util.List;

/** A request used codes that the deciding policy version's catalog does not contain. */
public class UnknownCodeException extends RuntimeException {
    private final PolicyVersion version;
    private final List<CodeCheck.UnknownCode> unknownCodes;

    public UnknownCodeException(PolicyVersion version, List<CodeCheck.UnknownCode> unknownCodes) {
        super("unknown codes for policy " + version.family() + " v" + version.version());
        this.version = version;
        this.unknownCodes = unknownCodes;
    }

    public PolicyVersion version() { return version; }
    public List<CodeCheck.UnknownCode> unknownCodes() { return unknownCodes; }
}
