package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.lexrule.audit.AuditChains;
import com.lexrule.audit.ChainedRecord;
import com.lexrule.audit.RecordHash;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** How an objection was decided, once; with the re-assessment it led to, if any. */
@Entity
@Table(name = "objection_outcome")
public class ObjectionOutcome extends PanacheEntityBase implements ChainedRecord {
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
    @Column(name = "chain_seq")
    public long chainSeq;
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "record_hash")
    public String recordHash;
    public String mac;

    @Override public String chain() { return AuditChains.OBJECTION_OUTCOMES; }
    @Override public String recordId() { return id; }
    @Override public Instant recordedAt() { return decidedAt; }
    @Override public long chainSeq() { return chainSeq; }
    @Override public String prevHash() { return prevHash; }
    @Override public String recordHash() { return recordHash; }
    @Override public String mac() { return mac; }

    @Override
    public void position(long seq, String prevHash) {
        this.chainSeq = seq;
        this.prevHash = prevHash;
    }

    @Override
    public void seal(String recordHash, String mac) {
        this.recordHash = recordHash;
        this.mac = mac;
    }

    /** Every stored field in a fixed order, then the chain position. */
    @Override
    public String computeHash() {
        return RecordHash.of(prevHash, id, objectionId, outcome, reason, reassessmentId, decidedBy, decidedAt == null ? null : decidedAt.toString(), chain(), chainSeq);
    }
}
