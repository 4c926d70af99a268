package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What the officer finally decided on an assessment. Never overwritten: a correction links to what it corrects. */
@Entity
@Table(name = "officer_decision")
public class OfficerDecision extends PanacheEntityBase {
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
}
