package com.lexrule.audit;

import java.time.Instant;

/**
 * A record that is a link of a keyed hash chain: its position (chain, sequence number), the SHA-256 of its content
 * and of the previous record, and the HMAC that binds both to the key the database does not hold. Everything it
 * hashes is assigned by the service before the write (ids, times, the sequence number), never by the database, so
 * a writer that holds a chain's head can link a whole batch in memory.
 */
public interface ChainedRecord {

    String chain();

    String recordId();

    Instant recordedAt();

    long chainSeq();

    String prevHash();

    String recordHash();

    String mac();

    /** Places the record after the head; called by {@link AuditChains} only. */
    void position(long seq, String prevHash);

    /** Seals the record with its hash and HMAC; called by {@link AuditChains} only. */
    void seal(String recordHash, String mac);

    /** SHA-256 over the record's stored content and its position, as it will be read back. */
    String computeHash();
}
