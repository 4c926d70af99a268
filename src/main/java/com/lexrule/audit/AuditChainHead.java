package com.lexrule.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The last record of one hash chain. Locked while a record is appended, so each chain stays a line. */
@Entity
@Table(name = "audit_chain_head")
public class AuditChainHead extends PanacheEntityBase {
    @Id
    @Column(name = "chain_partition")
    public int chainPartition;
    @Column(name = "last_seq")
    public long lastSeq;
    @Column(name = "last_hash")
    public String lastHash;
}
