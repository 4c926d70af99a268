package com.lexrule.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Re-computes every hash chain from its first record and names the first record that does not hold: changed
 * content, a removed or re-ordered record, or a chain cut short behind its head.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 2_000;

    /** A record that breaks its chain, and how. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrokenRecord(String decisionId, int chain, long seq, Instant createdAt, String problem) {
    }

    /** The outcome of a verification run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(boolean intact, long recordsChecked, int chainsChecked, BrokenRecord firstBroken,
                               List<BrokenRecord> brokenChains, Instant verifiedAt) {
    }

    @Transactional
    public Verification verify() {
        long checked = 0;
        List<BrokenRecord> broken = new ArrayList<>();
        List<AuditChainHead> heads = AuditChainHead.<AuditChainHead>listAll();
        heads.sort(Comparator.comparingInt(h -> h.chainPartition));
        for (AuditChainHead head : heads) {
            String previous = RecordHash.GENESIS;
            long expectedSeq = 1;
            BrokenRecord firstInChain = null;
            int page = 0;
            List<DecisionRecord> records;
            do {
                records = DecisionRecord.<DecisionRecord>find("chainPartition = ?1 order by chainSeq", head.chainPartition)
                        .page(page++, PAGE).list();
                for (DecisionRecord record : records) {
                    checked++;
                    if (firstInChain != null) continue;
                    if (record.chainSeq != expectedSeq) {
                        firstInChain = broken(record, "序号不连续，缺少第 " + expectedSeq + " 条记录 (record missing before this one)");
                    } else if (!previous.equals(record.prevHash)) {
                        firstInChain = broken(record, "前一条记录的哈希不符 (previous record removed or altered)");
                    } else if (!RecordHash.of(record).equals(record.recordHash)) {
                        firstInChain = broken(record, "记录内容与其哈希不符，记录已被改动 (content altered)");
                    }
                    previous = record.recordHash;
                    expectedSeq++;
                }
                DecisionRecord.getEntityManager().clear();
            } while (records.size() == PAGE);
            if (firstInChain == null && (head.lastSeq != expectedSeq - 1 || !head.lastHash.equals(previous))) {
                firstInChain = new BrokenRecord(null, head.chainPartition, head.lastSeq, null,
                        "链尾记录缺失：链头指向第 " + head.lastSeq + " 条，实有 " + (expectedSeq - 1) + " 条 (records removed at the end of the chain)");
            }
            if (firstInChain != null) broken.add(firstInChain);
        }
        BrokenRecord first = broken.stream()
                .min(Comparator.comparing(BrokenRecord::createdAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .orElse(null);
        return new Verification(broken.isEmpty(), checked, heads.size(), first, broken, Instant.now());
    }

    private static BrokenRecord broken(DecisionRecord record, String problem) {
        return new BrokenRecord(record.id, record.chainPartition, record.chainSeq, record.createdAt, problem);
    }
}
