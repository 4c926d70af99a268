package com.lexrule.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * The one place records are linked into their chains. For the review chains (officers' decisions, objections,
 * outcomes), {@link #lock} takes the chain's head row for the rest of the transaction, so appends to one chain are a
 * line and whatever the caller reads after the lock is the latest committed state; {@link #append} then links a
 * record in memory and moves the head. The decision chains take no lock: their group-committing writer
 * ({@link ChainWriter}) holds the head, calls {@link #link} for each record of its batch, and moves the head row only
 * from the head it extends.
 */
@ApplicationScoped
public class AuditChains {

    public static final String OFFICER_DECISIONS = "officer-decision";
    public static final String OBJECTIONS = "objection";
    public static final String OBJECTION_OUTCOMES = "objection-outcome";
    static final String MAC_VERSION = "lexrule-audit-link-v1";

    private final EntityManager em;
    private final AuditKeys keys;

    public AuditChains(EntityManager em, AuditKeys keys) {
        this.em = em;
        this.keys = keys;
    }

    public static String decisionChain(int partition) {
        return "decision-" + partition;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditChainHead lock(String chain) {
        AuditChainHead head = em.find(AuditChainHead.class, chain, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("audit chain " + chain + " has no head row");
        }
        return head;
    }

    /** Links the record after the (locked) head and moves the head to it; the caller persists the record. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(AuditChainHead head, ChainedRecord record) {
        link(head, record);
    }

    static void link(AuditChainHead head, ChainedRecord record, AuditKeys keys) {
        long seq = head.lastSeq + 1;
        record.position(seq, head.lastHash);
        String hash = record.computeHash();
        String mac = macOf(keys, head.name, seq, head.lastMac, hash);
        record.seal(hash, mac);
        head.lastSeq = seq;
        head.lastHash = hash;
        head.lastMac = mac;
    }

    void link(AuditChainHead head, ChainedRecord record) {
        link(head, record, keys);
    }

    /** HMAC-SHA256 over the chain, the position, the previous record's HMAC and this record's hash. */
    static String macOf(AuditKeys keys, String chain, long seq, String prevMac, String recordHash) {
        return keys.mac(MAC_VERSION, chain, Long.toString(seq), prevMac == null ? RecordHash.GENESIS : prevMac, recordHash);
    }
}
