package com.lexrule.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.PolicyRef;

/** A decision record as auditors read it: the facts and the answer as exchanged, and its place in the chain. */
public record DecisionView(String decisionId, String family, String caseId, String subjectId, String stage,
                           PolicyRef policy, String recommendation, String color, String crimeType, String outcome,
                           String objectionId, String caller, Instant decidedAt, JsonNode request, JsonNode response,
                           int chain, long chainSeq, String recordHash) {

    static DecisionView of(DecisionRecord r, ObjectMapper json, boolean withContent) {
        try {
            return new DecisionView(r.id, r.family, r.caseId, r.subjectId, r.stage,
                    new PolicyRef(r.family, r.policyVersion, r.policySha256), r.recommendation, r.color, r.crimeType,
                    r.outcome, r.objectionId, r.caller, r.createdAt,
                    withContent ? json.readTree(r.requestJson) : null, withContent ? json.readTree(r.responseJson) : null,
                    r.chainPartition, r.chainSeq, r.recordHash);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored decision " + r.id + " is not readable JSON", e);
        }
    }
}
