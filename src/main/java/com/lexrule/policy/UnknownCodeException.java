package com.lexrule.policy;

import java.util.List;
import java.util.Map;

import com.lexrule.problem.Problem;
import com.lexrule.problem.ProblemException;

/** A request used codes that the deciding policy version's catalog does not contain. */
public class UnknownCodeException extends ProblemException {
    private final PolicyVersion version;
    private final List<CodeCheck.UnknownCode> unknownCodes;

    public UnknownCodeException(PolicyVersion version, List<CodeCheck.UnknownCode> unknownCodes) {
        super("unknown codes for policy " + version.family() + " v" + version.version(), 400, "unknown-code",
                "未知代码 (unknown code)", "代码不在所适用政策版本的目录中: "
                        + String.join(", ", unknownCodes.stream().map(CodeCheck.UnknownCode::field).toList()),
                errors(version, unknownCodes), Map.of("policy", Map.of("family", version.family(), "version", version.version())));
        this.version = version;
        this.unknownCodes = unknownCodes;
    }

    private static List<Problem.FieldError> errors(PolicyVersion version, List<CodeCheck.UnknownCode> unknownCodes) {
        return unknownCodes.stream()
                .map(u -> new Problem.FieldError(u.field(), "政策版本 " + version.family() + " v" + version.version()
                        + " 的代码目录 " + u.catalog() + " 中没有此代码 (unknown code)", u.value(), u.knownCodes()))
                .toList();
    }

    public PolicyVersion version() { return version; }
    public List<CodeCheck.UnknownCode> unknownCodes() { return unknownCodes; }
}
