package com.lexrule.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A signed statement of every chain head at one moment (see {@link Checkpoint} for the body). Never updated. */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "created_at")
    public Instant createdAt;
    public String body;
    public String signature;
    @Column(name = "key_sha256")
    public String keySha256;
}
