package com.lexrule.policy.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A draft as stored: its files never change after creation; only the decision (approve or reject) is written later, once. */
@Entity
@Table(name = "policy_draft")
public class PolicyDraftEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String family;
    @Column(name = "base_version")
    public int baseVersion;
    @Enumerated(EnumType.STRING)
    public DraftStatus status;
    public String sha256;
    public String note;
    @Column(name = "problems_json")
    public String problemsJson;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decision_note")
    public String decisionNote;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "published_version")
    public Integer publishedVersion;
    @OneToMany(mappedBy = "draft", cascade = CascadeType.PERSIST)
    @OrderBy("name")
    public List<PolicyDraftFileEntity> files = new ArrayList<>();
}
