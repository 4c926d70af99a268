package com.lexrule.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;


/**
 * One decision as answered: the facts it was given, the answer with its findings, the exact policy version and
 * hash that decided it, who asked and when. Committed before the answer is given; never updated.
 */
@Entity
@Table(name = "decision_record")
public class DecisionRecord extends ChainedEntity {
    @Id
    public String id;
    public String family;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "subject_id")
    public String subjectId;
    public String stage;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "policy_sha256")
    public String policySha256;
    /** A short summary of the outcome (e.g. "MAY_ARREST/YELLOW/ARREST") for search and statistics. */
    public String outcome;
    @Column(name = "request_json")
    public String requestJson;
    @Column(name = "response_json")
    public String responseJson;
    public String caller;
    @Column(name = "created_at")
    public Instant createdAt;
    /** The recommendation as the family answered it: measure, determination or guarantee method. */
    public String recommendation;
    public String color;
    @Column(name = "crime_type")
    public String crimeType;
    /** Set when this assessment re-assessed the case on an objection. */
    @Column(name = "objection_id")
    public String objectionId;
    @Column(name = "chain_partition")
    public int chainPartition;

    /** The rules that fired (finding rule ids), for the coverage rollup; not stored, not hashed. */
    @jakarta.persistence.Transient
    transient java.util.Set<String> firedRules = java.util.Set.of();
    /** The rule that decided the answer (by the deciding version's precedence), for the coverage rollup; not stored, not hashed. */
    @jakarta.persistence.Transient
    transient String decidingRule;

    @Override public String chain() { return AuditChains.decisionChain(chainPartition); }
    @Override public String recordId() { return id; }
    @Override public Instant recordedAt() { return createdAt; }
    @Override public String computeHash() { return RecordHash.of(this); }
}
