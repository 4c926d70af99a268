package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.lexrule.audit.AuditChains;
import com.lexrule.audit.ChainedEntity;
import com.lexrule.audit.RecordHash;

/** How an objection was decided, once; with the re-assessment it led to, if any. */
@Entity
@Table(name = "objection_outcome")
public class ObjectionOutcome extends ChainedEntity {
    @Id
    public String id;
    @Column(name = "objection_id")
    public String objectionId;
    public String outcome;
    public String reason;
    @Column(name = "reassessment_id")
    public String reassessmentId;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;

    @Override public String chain() { return AuditChains.OBJECTION_OUTCOMES; }
    @Override public String recordId() { return id; }
    @Override public Instant recordedAt() { return decidedAt; }

    /** Every stored field in a fixed order, then the chain position. */
    @Override
    public String computeHash() {
        return RecordHash.of(prevHash, id, objectionId, outcome, reason, reassessmentId, decidedBy, decidedAt == null ? null : decidedAt.toString(), chain(), chainSeq);
    }
}
