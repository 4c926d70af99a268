package com.lexrule.audit;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The chain columns every audited record carries (decisions, officers' decisions, objections, outcomes): its place
 * in its chain, the hash of the record before, its own hash and the HMAC that links them with a key the database
 * never holds (null on decision records written before keyed links, V10). Subclasses say which chain they belong to and what their hash covers.
 */
@MappedSuperclass
public abstract class ChainedEntity extends PanacheEntityBase implements ChainedRecord {
    @Column(name = "chain_seq")
    public long chainSeq;
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "record_hash")
    public String recordHash;
    public String mac;

    @Override public long chainSeq() { return chainSeq; }
    @Override public String prevHash() { return prevHash; }
    @Override public String recordHash() { return recordHash; }
    @Override public String mac() { return mac; }

    @Override
    public void position(long seq, String prevHash) {
        this.chainSeq = seq;
        this.prevHash = prevHash;
    }

    @Override
    public void seal(String recordHash, String mac) {
        this.recordHash = recordHash;
        this.mac = mac;
    }
}
