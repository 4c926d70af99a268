package com.lexrule.audit;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which finding decided an answer, as special review defines it (the first finding of the first rule group, in the
 * policy's precedence, that fired). A port: the definition is {@code review/special}'s, which implements it, and the
 * audit batch counts it in the coverage rollup without depending on review.
 */
public interface DecidingRule {

    /** The rule id of the deciding finding of a family's answer, if it has findings. */
    Optional<String> of(String family, JsonNode answer);
}
