package com.lexrule.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A published policy version as stored: written once, never updated. */
@Entity
@Table(name = "policy_version")
public class PolicyVersionEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String family;
    public int version;
    public String sha256;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "manifest_json")
    public String manifestJson;
    @Column(name = "change_note")
    public String changeNote;
    @Column(name = "published_by")
    public String publishedBy;
    @Column(name = "published_at")
    public Instant publishedAt;
    @OneToMany(mappedBy = "policyVersion", cascade = CascadeType.PERSIST)
    public List<PolicyFileEntity> files = new ArrayList<>();

    PolicyVersion toVersion() {
        return new PolicyVersion(family, version, sha256, effectiveFrom, changeNote, publishedBy, publishedAt);
    }
}
