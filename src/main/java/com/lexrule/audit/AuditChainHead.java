package com.lexrule.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The last record of one hash chain. Locked while a record is appended, so each chain stays a line; the database
 * lets it only advance. {@code lastMac} is null while the chain holds only records from before keyed links (V10).
 */
@Entity
@Table(name = "audit_chain")
public class AuditChainHead extends PanacheEntityBase {
    @Id
    public String name;
    @Column(name = "last_seq")
    public long lastSeq;
    @Column(name = "last_hash")
    public String lastHash;
    @Column(name = "last_mac")
    public String lastMac;
}
