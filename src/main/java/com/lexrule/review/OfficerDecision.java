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

/** What the officer finally decided on an assessment. Never overwritten: a correction links to what it corrects. */
@Entity
@Table(name = "officer_decision")
public class OfficerDecision extends PanacheEntityBase implements ChainedRecord {
    @Id
    public String id;
    @Column(name = "decision_id")
    public String decisionId;
    /** The measure or determination taken, in the family's codes. */
    public String taken;
    /** Whether it is what the service recommended. */
    public boolean agrees;
    public String officer;
    public String reason;
    @Column(name = "corrects_id")
    public String correctsId;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    /** 1 for the original decision; each correction is the next revision and corrects the one before. */
    public int revision;
    @Column(name = "chain_seq")
    public long chainSeq;
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "record_hash")
    public String recordHash;
    public String mac;

    @Override public String chain() { return AuditChains.OFFICER_DECISIONS; }
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
        return RecordHash.of(prevHash, id, decisionId, taken, agrees, officer, reason, correctsId, revision, recordedBy, recordedAt == null ? null : recordedAt.toString(), chain(), chainSeq);
    }
}
