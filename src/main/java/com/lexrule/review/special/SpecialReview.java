package com.lexrule.review.special;

import java.time.Instant;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A special review as stored: who submitted what, under which policy, and how far it has got. */
@Entity
@Table(name = "special_review")
public class SpecialReview extends PanacheEntityBase {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    @Id
    public String id;
    public String form;
    public String family;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "policy_sha256")
    public String policySha256;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "source_format")
    public String sourceFormat;
    @Column(name = "source_name")
    public String sourceName;
    @Column(name = "source_sha256")
    public String sourceSha256;
    @Column(name = "source_bytes")
    public long sourceBytes;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "source_content")
    public byte[] sourceContent;
    @Column(name = "total_rows")
    public int totalRows;
    @Column(name = "rows_done")
    public int rowsDone;
    @Column(name = "invalid_rows")
    public int invalidRows;
    @Column(name = "summary_json")
    public String summaryJson;
    public String failure;
}
