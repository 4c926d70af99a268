package com.lexrule.policy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The exact policy a decision was made under, as every answer quotes it. */
@Schema(description = "作出本决定所依据的政策版本")
public record PolicyRef(String family, int version, String sha256) {
    public static PolicyRef of(PolicyVersion version) {
        return new PolicyRef(version.family(), version.version(), version.sha256());
    }
}
