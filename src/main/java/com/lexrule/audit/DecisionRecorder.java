package com.lexrule.audit;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one audit writer. It joins the caller's transaction, so a decision that cannot be stored is rolled back
 * with the answer and the caller gets an error, never an unrecorded success.
 */
@ApplicationScoped
public class DecisionRecorder {

    private final ObjectMapper json;
    private final MeterRegistry meters;

    public DecisionRecorder(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    /** What is recorded of one decision; the family's answer and facts are stored as the JSON exchanged. */
    public record Entry(String decisionId, String family, String caseId, String subjectId, String stage,
                        int policyVersion, String policySha256, String outcome, Object request, Object response,
                        String caller, Instant decidedAt) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Entry entry) {
        DecisionRecord record = new DecisionRecord();
        record.id = entry.decisionId();
        record.family = entry.family();
        record.caseId = entry.caseId();
        record.subjectId = entry.subjectId();
        record.stage = entry.stage();
        record.policyVersion = entry.policyVersion();
        record.policySha256 = entry.policySha256();
        record.outcome = entry.outcome();
        record.requestJson = write(entry.request());
        record.responseJson = write(entry.response());
        record.caller = entry.caller();
        record.createdAt = entry.decidedAt();
        record.persist();
        meters.counter("lexrule.decisions.recorded", "family", entry.family()).increment();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision could not be serialised for the audit trail", e);
        }
    }
}
