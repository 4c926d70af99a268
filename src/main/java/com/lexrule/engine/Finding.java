package com.lexrule.engine;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rule that fired: its stable id, its reason in Chinese and its legal basis, all read from the rule's own
 * metadata (DRL attributes or decision-table METADATA columns), so an edited table changes the explanation too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String ruleId, String reason, String legalBasis, Integer points) {
}
