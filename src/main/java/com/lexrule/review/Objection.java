package com.lexrule.review;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An objection (异议) to an assessment by the subject, counsel or the victim, with its grounds. */
@Entity
@Table(name = "objection")
public class Objection extends PanacheEntityBase {
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
}
