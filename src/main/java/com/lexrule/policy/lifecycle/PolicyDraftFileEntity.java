package com.lexrule.policy.lifecycle;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One file of a draft: uploaded by the officer, or carried over unchanged from the version the draft is based on. */
@Entity
@Table(name = "policy_draft_file")
public class PolicyDraftFileEntity extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne
    @JoinColumn(name = "draft_id")
    public PolicyDraftEntity draft;
    public String name;
    public byte[] content;
    public boolean uploaded;
}
