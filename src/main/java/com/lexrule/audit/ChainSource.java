package com.lexrule.audit;

import java.util.List;

/**
 * The records of some chains, for verification. The audit package holds the decision chains; others (officers'
 * decisions, objections, outcomes) contribute theirs as beans, so that the verifier needs no import of them.
 */
public interface ChainSource {

    /** Whether the chain of this name is held by this source. */
    boolean holds(String chain);

    /** The table the records are stored in, to name it in a report. */
    String table(String chain);

    /** Up to {@code limit} records of the chain with a sequence number from {@code fromSeq}, in order. */
    List<? extends ChainedRecord> page(String chain, long fromSeq, int limit);

    /** The highest sequence number stored for the chain, 0 when it has none. */
    long lastSeq(String chain);
}
