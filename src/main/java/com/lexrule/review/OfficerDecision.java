package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import com.lexrule.audit.AuditChains;
import com.lexrule.audit.ChainedEntity;
import com.lexrule.audit.RecordHash;

/** What the officer finally decided on an assessment. Never overwritten: a correction links to what it corrects. */
@Entity
@Table(name = "officer_decision")
public class OfficerDecision extends ChainedEntity {
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

    @Override public String chain() { return AuditChains.OFFICER_DECISIONS; }
    @Override public String recordId() { return id; }
    @Override public Instant recordedAt() { return recordedAt; }

    /** Every stored field in a fixed order, then the chain position. */
    @Override
    public String computeHash() {
        return RecordHash.of(prevHash, id, decisionId, taken, agrees, officer, reason, correctsId, revision, recordedBy, recordedAt == null ? null : recordedAt.toString(), chain(), chainSeq);
    }
}
