package com.lexrule.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.policy.PolicyManifest;
import com.lexrule.problem.NotFoundProblem;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;

/**
 * The one audit writer. A decision is recorded before it is answered: {@link #record} returns only once the record is
 * committed, and throws a 503 problem when it could not be, so no caller is answered a decision the audit does not
 * hold. Each record is appended to one of {@code lexrule.audit.chains} keyed hash chains, chosen by case id (the order
 * within a case is kept), by that chain's group-committing writer ({@link ChainWriters}): no transaction of the
 * caller's is needed or joined, and none is held while the batch commits.
 */
@ApplicationScoped
public class DecisionRecorder {

    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Instance<ObjectionLink> objectionLink;
    private final ObjectionCases objections;
    private final ChainWriters writers;

    public DecisionRecorder(ObjectMapper json, MeterRegistry meters, Instance<ObjectionLink> objectionLink,
                            ObjectionCases objections, ChainWriters writers) {
        this.json = json;
        this.meters = meters;
        this.objectionLink = objectionLink;
        this.objections = objections;
        this.writers = writers;
    }

    /** What is recorded of one decision; the family's answer and facts are stored as the JSON exchanged. */
    public record Entry(String decisionId, String family, String caseId, String subjectId, String stage,
                        int policyVersion, String policySha256, String outcome, String recommendation, String color,
                        String crimeType, Object request, Object response, String caller, Instant decidedAt,
                        String endpoint, PolicyManifest precedence) {
    }

    /**
     * Records the decision and returns once it is committed.
     *
     * @throws com.lexrule.problem.ServiceUnavailableProblem when its batch could not be written: answer 503, not 200
     */
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
        record.recommendation = entry.recommendation();
        record.color = entry.color();
        record.crimeType = entry.crimeType();
        // A read, on the caller's thread, before the record is queued: a wrong link refuses this request alone.
        record.objectionId = linkedObjection(entry);
        record.requestJson = write(json.valueToTree(entry.request()));
        JsonNode response = json.valueToTree(entry.response());
        record.responseJson = write(response);
        coverage(record, response, entry);
        record.caller = entry.caller();
        // The database keeps microseconds: hash what will be read back.
        record.createdAt = entry.decidedAt().truncatedTo(ChronoUnit.MICROS);
        record.chainPartition = writers.partitionOf(entry.caseId());

        writers.append(record, recorded(record));
        meters.counter("lexrule.decisions.recorded", "family", entry.family()).increment();
    }

    /**
     * The event of the record, built on the caller's thread so that the chain's writer only inserts it. Its data is
     * what a case system files with the case; the whole answer is one GET away ({@code links.decision}).
     */
    private EventOutbox.Event recorded(DecisionRecord record) {
        return new EventData.AssessmentRecorded(record.id, record.family, record.caseId, record.subjectId, record.stage,
                record.outcome, record.recommendation, record.color, record.crimeType, record.objectionId,
                new EventData.PolicyRef(record.family, record.policyVersion, record.policySha256), record.createdAt,
                new EventData.Links("/api/v1/decisions/" + record.id)).toEvent(json);
    }

    /**
     * What the coverage rollup counts of this decision: the rules that fired, and the one that decided it by the
     * deciding version's precedence (the definition special review uses, {@link PolicyManifest#decidingFinding}).
     */
    private void coverage(DecisionRecord record, JsonNode response, Entry entry) {
        java.util.Set<String> fired = new java.util.LinkedHashSet<>();
        for (JsonNode finding : response.path("findings")) {
            String id = finding.path("ruleId").asText("");
            if (!id.isEmpty() && id.length() <= CoverageRollup.RULE_ID_LENGTH) fired.add(id);
        }
        record.firedRules = fired;
        if (entry.precedence() != null) {
            List<String> ids = new ArrayList<>();
            response.path("findings").forEach(f -> ids.add(f.path("ruleId").asText("")));
            int deciding = entry.precedence().decidingFinding(entry.endpoint(), ids);
            record.decidingRule = deciding < 0 || !fired.contains(ids.get(deciding)) ? null : ids.get(deciding);
        }
    }

    private String linkedObjection(Entry entry) {
        if (!Arc.container().requestContext().isActive() || !objectionLink.isResolvable()) {
            return null;
        }
        String objectionId = objectionLink.get().objectionId();
        if (objectionId == null) {
            return null;
        }
        ObjectionCases.Concerned concerned = objections.caseOf(objectionId)
                .orElseThrow(() -> new NotFoundProblem("异议 " + objectionId + " 不存在 (no such objection)"));
        if (!entry.caseId().equals(concerned.caseId()) || !entry.family().equals(concerned.family())) {
            throw new jakarta.validation.ValidationException("objectionId " + objectionId
                    + " belongs to another case or family; a re-assessment must concern the same case");
        }
        return objectionId;
    }

    private String write(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision could not be serialised for the audit trail", e);
        }
    }
}
