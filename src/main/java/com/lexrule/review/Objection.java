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

/** An objection (异议) to an assessment by the subject, counsel or the victim, with its grounds. */
@Entity
@Table(name = "objection")
public class Objection extends PanacheEntityBase implements ChainedRecord {
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
    @Column(name = "chain_seq")
    public long chainSeq;
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "record_hash")
    public String recordHash;
    public String mac;

    @Override public String chain() { return AuditChains.OBJECTIONS; }
    @Override public String recordId() { return id; }
    @Override public Instant recordedAt() { return recordedAt; }
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
        return RecordHash.of(prevHash, id, decisionId, objector, objectorRole, grounds, recordedBy, recordedAt == null ? null : recordedAt.toString(), chain(), chainSeq);
    }
}
