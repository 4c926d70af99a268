package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.lexrule.audit.AuditChains;
import com.lexrule.audit.ChainedEntity;
import com.lexrule.audit.RecordHash;

/** An objection (异议) to an assessment by the subject, counsel or the victim, with its grounds. */
@Entity
@Table(name = "objection")
public class Objection extends ChainedEntity {
    @Id
    public String id;
    @Column(name = "decision_id")
    public String decisionId;
    public String objector;
    @Column(name = "objector_role")
    public String objectorRole;
    public String grounds;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Override public String chain() { return AuditChains.OBJECTIONS; }
    @Override public String recordId() { return id; }
    @Override public Instant recordedAt() { return recordedAt; }

    /** Every stored field in a fixed order, then the chain position. */
    @Override
    public String computeHash() {
        return RecordHash.of(prevHash, id, decisionId, objector, objectorRole, grounds, recordedBy, recordedAt == null ? null : recordedAt.toString(), chain(), chainSeq);
    }
}
