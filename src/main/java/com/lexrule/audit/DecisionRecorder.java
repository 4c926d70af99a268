package com.lexrule.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.problem.NotFoundProblem;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;

/**
 * The one audit writer. It commits each decision before it returns (in its own transaction, or the caller's if one
 * is open), so a decision that cannot be stored gets the caller an error, never an unrecorded success. Each record is appended to one of
 * {@code lexrule.audit.chains} keyed hash chains, chosen by case id: one chain would make every commit of the service
 * wait for the same head row (FACTS: under 2,000 decisions/s); several keep the order within a case.
 */
@ApplicationScoped
public class DecisionRecorder {

    static final int MAX_CHAINS = 64;

    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final EntityManager em;
    private final AuditChains auditChains;
    private final Instance<ObjectionLink> objectionLink;
    private final int chains;

    public DecisionRecorder(ObjectMapper json, MeterRegistry meters, EntityManager em, AuditChains auditChains,
                            Instance<ObjectionLink> objectionLink,
                            @ConfigProperty(name = "lexrule.audit.chains", defaultValue = "16") int chains) {
        if (chains < 1 || chains > MAX_CHAINS) {
            throw new IllegalArgumentException("lexrule.audit.chains must be between 1 and " + MAX_CHAINS);
        }
        this.json = json;
        this.meters = meters;
        this.em = em;
        this.auditChains = auditChains;
        this.objectionLink = objectionLink;
        this.chains = chains;
    }

    /** What is recorded of one decision; the family's answer and facts are stored as the JSON exchanged. */
    public record Entry(String decisionId, String family, String caseId, String subjectId, String stage,
                        int policyVersion, String policySha256, String outcome, String recommendation, String color,
                        String crimeType, Object request, Object response, String caller, Instant decidedAt) {
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(Entry entry) {
        JsonNode request = json.valueToTree(entry.request());
        JsonNode response = json.valueToTree(entry.response());
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
        record.objectionId = linkedObjection(entry);
        record.requestJson = write(request);
        record.responseJson = write(response);
        record.caller = entry.caller();
        // The database keeps microseconds: hash what will be read back.
        record.createdAt = entry.decidedAt().truncatedTo(ChronoUnit.MICROS);
        record.chainPartition = Math.floorMod(entry.caseId().hashCode(), chains);

        auditChains.append(auditChains.lock(AuditChains.decisionChain(record.chainPartition)), record);
        record.persist();
        meters.counter("lexrule.decisions.recorded", "family", entry.family()).increment();
    }

    private String linkedObjection(Entry entry) {
        if (!Arc.container().requestContext().isActive() || !objectionLink.isResolvable()) {
            return null;
        }
        String objectionId = objectionLink.get().objectionId();
        if (objectionId == null) {
            return null;
        }
        Object[] objection = (Object[]) em.createQuery(
                        "select o.id, d.caseId, d.family from Objection o, DecisionRecord d where o.decisionId = d.id and o.id = :id")
                .setParameter("id", objectionId).getResultStream().findFirst().orElse(null);
        if (objection == null) {
            throw new NotFoundProblem("异议 " + objectionId + " 不存在 (no such objection)");
        }
        if (!entry.caseId().equals(objection[1]) || !entry.family().equals(objection[2])) {
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
