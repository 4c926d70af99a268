package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** How an objection was decided, once; with the re-assessment it led to, if any. */
@Entity
@Table(name = "objection_outcome")
public class ObjectionOutcome extends PanacheEntityBase {
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
}
