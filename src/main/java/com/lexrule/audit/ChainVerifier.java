package com.lexrule.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Checks every chain: each record's content against its hash, its link to the previous record, its HMAC (which
 * only the key holder can compute), the head row, and the heads that signed checkpoints fixed. By default it starts
 * at the newest checkpoint of each chain (the records it covers were fixed by a signature); {@code full} re-reads
 * every record from the first and compares it with every checkpoint. It names the first record of each chain that
 * does not hold, or the tail that is missing.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int PAGE = 2_000;
    /** The fast path reads the newest checkpoints only; heads only advance, so the newest fix the most. */
    private static final int RECENT_CHECKPOINTS = 10;
    /** How often a chain's head is read again to catch up with records committed while it was being verified. */
    private static final int HEAD_REREADS = 5;

    /** A record, a checkpoint or a tail that breaks its chain, and how. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BrokenRecord(String chain, String table, String recordId, Long seq, Long expectedSeq, Instant recordedAt,
                               String problem) {
    }

    /**
     * How far a verification has come: the chains done of all, the records checked of those it will check (the
     * heads read at the start, less what the checkpoints it starts from already fixed), and the chain it is on.
     */
    public record Progress(String chain, int chainsDone, int chains, long recordsChecked, long recordsToCheck) {
    }

    /** The checkpoint a fast verification started from. */
    public record CheckpointRef(String id, Instant createdAt) {
    }

    /** The outcome of a verification run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Verification(boolean intact, String mode, CheckpointRef fromCheckpoint, long recordsChecked,
                               int chainsChecked, long unkeyedRecords, BrokenRecord firstBroken,
                               List<BrokenRecord> brokenChains, List<String> notes, Instant verifiedAt) {
    }

    private final Instance<ChainSource> sources;
    private final Checkpoints checkpoints;
    private final AuditKeys keys;
    private final EntityManager em;

    public ChainVerifier(Instance<ChainSource> sources, Checkpoints checkpoints, AuditKeys keys, EntityManager em) {
        this.sources = sources;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.em = em;
    }

    /** What the signed checkpoints fixed of one chain: the head at each signed sequence number. */
    private record Signed(Checkpoint.Head head, Checkpoint by) {
    }

    private final class Run {
        final boolean full;
        final java.util.function.Consumer<Progress> progress;
        long toCheck;
        int chainsDone;
        int chainCount;
        long reportedAt = System.nanoTime();
        final List<BrokenRecord> broken = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, TreeMap<Long, Signed>> signed = new HashMap<>();
        long checked;
        long unkeyed;

        Run(boolean full, java.util.function.Consumer<Progress> progress) {
            this.full = full;
            this.progress = progress;
        }

        /** Reports at most every half second, and at the end of each chain. */
        void report(String chain, boolean always) {
            long now = System.nanoTime();
            if (!always && now - reportedAt < 500_000_000L) return;
            reportedAt = now;
            progress.accept(new Progress(chain, chainsDone, chainCount, checked, Math.max(toCheck, checked)));
        }
    }

    public Verification verify(boolean full) {
        return verify(full, p -> { });
    }

    /**
     * Verifies as {@link #verify(boolean)} does, telling {@code progress} how far it has come. No transaction spans
     * the run: each page of records is read in a short one of its own, keyset by (chain, sequence number) from where
     * the previous page ended, and let go once checked, so a run's memory and each query's cost stay those of one
     * page, and a long re-verification meets no transaction timeout.
     */
    public Verification verify(boolean full, java.util.function.Consumer<Progress> progress) {
        Run run = new Run(full, progress);
        Checkpoint newest = readCheckpoints(run);
        Map<String, AuditChainHead> heads = new LinkedHashMap<>();
        for (AuditChainHead head : inTransaction(() -> AuditChainHead.<AuditChainHead>listAll())) {
            heads.put(head.name, head);
        }
        TreeSet<String> chains = new TreeSet<>(heads.keySet());
        chains.addAll(run.signed.keySet());
        run.chainCount = chains.size();
        for (String chain : chains) {
            AuditChainHead head = heads.get(chain);
            Map.Entry<Long, Signed> fixed = run.full ? null : run.signed.getOrDefault(chain, new TreeMap<>()).lastEntry();
            if (head != null) run.toCheck += Math.max(0, head.lastSeq - (fixed == null ? 0 : fixed.getKey()));
        }
        run.report(null, true);
        for (String chain : chains) {
            ChainSource source = sources.stream().filter(s -> s.holds(chain)).findFirst().orElse(null);
            if (source == null) {
                run.broken.add(new BrokenRecord(chain, null, null, null, null, null, "没有存放此链记录的表 (no table holds this chain)"));
                continue;
            }
            BrokenRecord problem = verifyChain(run, chain, source, heads.get(chain), run.signed.getOrDefault(chain, new TreeMap<>()));
            if (problem != null) run.broken.add(problem);
            run.chainsDone++;
            run.report(chain, true);
        }
        BrokenRecord first = run.broken.stream()
                .min(Comparator.comparing(BrokenRecord::recordedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .orElse(null);
        return new Verification(run.broken.isEmpty(), full ? "full" : "from-checkpoint",
                newest == null ? null : new CheckpointRef(newest.id(), newest.createdAt()), run.checked, chains.size(),
                run.unkeyed, first, run.broken, run.notes, Instant.now());
    }

    /** Reads the checkpoints of the database and of the export directory; returns the newest that verifies. */
    private Checkpoint readCheckpoints(Run run) {
        int limit = run.full ? 0 : RECENT_CHECKPOINTS;
        Map<String, Checkpoint> trusted = new LinkedHashMap<>();
        for (Checkpoint stored : checkpoints.stored(limit)) {
            if (checkpoints.signedByUs(stored)) {
                trusted.put(stored.id(), stored);
            } else {
                run.broken.add(new BrokenRecord(null, "audit_checkpoint", stored.id(), null, null, stored.createdAt(),
                        "检查点签名无效，检查点被伪造或改动 (checkpoint signature does not verify: forged or altered)"));
            }
        }
        for (Checkpoints.Exported file : checkpoints.exported(limit)) {
            Checkpoint exported = file.checkpoint();
            if (exported == null || !checkpoints.signedByUs(exported)) {
                run.broken.add(new BrokenRecord(null, checkpoints.directory().toString(), file.file(), null, null, null,
                        "导出的检查点无法读取或签名无效 (exported checkpoint unreadable or its signature does not verify)"));
                continue;
            }
            if (!trusted.containsKey(exported.id()) && inTransaction(() -> AuditCheckpoint.findById(exported.id())) == null) {
                run.notes.add("checkpoint " + exported.id() + " (" + file.file() + ") is exported but not in the database; "
                        + "its signed heads are used all the same");
            }
            trusted.putIfAbsent(exported.id(), exported);
        }
        Checkpoint newest = null;
        for (Checkpoint checkpoint : trusted.values()) {
            if (newest == null || checkpoint.createdAt().isAfter(newest.createdAt())) newest = checkpoint;
            for (Checkpoint.Head head : checkpoint.heads().values()) {
                TreeMap<Long, Signed> byseq = run.signed.computeIfAbsent(head.chain(), c -> new TreeMap<>());
                Signed earlier = byseq.putIfAbsent(head.seq(), new Signed(head, checkpoint));
                if (earlier != null && !earlier.head().equals(head)) {
                    run.broken.add(new BrokenRecord(head.chain(), null, null, head.seq(), null, null,
                            "两个检查点对同一序号签署了不同的记录 (checkpoints " + earlier.by().id() + " and " + checkpoint.id()
                                    + " sign different records at this sequence number: the chain was rewritten between them)"));
                }
            }
        }
        return newest;
    }

    private BrokenRecord verifyChain(Run run, String chain, ChainSource source, AuditChainHead head, TreeMap<Long, Signed> signed) {
        String table = source.table(chain);
        long expected = 1;
        String prevHash = RecordHash.GENESIS;
        String prevMac = null;
        boolean hashedSeen = false;
        boolean keyedSeen = false;
        Map.Entry<Long, Signed> newest = signed.lastEntry();
        if (!run.full && newest != null) {
            // Fast path: the record at the newest checkpoint must be the one it signed; everything after is checked.
            Checkpoint.Head anchor = newest.getValue().head();
            List<? extends ChainedRecord> at = inTransaction(() -> source.page(chain, anchor.seq(), 1));
            if (anchor.seq() > 0) {
                if (at.isEmpty() || at.get(0).chainSeq() != anchor.seq()) {
                    long last = inTransaction(() -> source.lastSeq(chain));
                    if (last < anchor.seq()) {
                        return missingTail(chain, table, last, anchor.seq(), newest.getValue().by());
                    }
                    return new BrokenRecord(chain, table, null, null, anchor.seq(), null, "检查点 " + newest.getValue().by().id()
                            + " 所签署的第 " + anchor.seq() + " 条记录缺失 (the record the checkpoint signed was removed)");
                }
                ChainedRecord record = at.get(0);
                run.checked++;
                boolean asSigned = record.recordHash() == null
                        ? RecordHash.GENESIS.equals(anchor.hash()) && anchor.mac() == null // the unhashed prefix (V10)
                        : anchor.hash().equals(record.recordHash()) && Objects.equals(anchor.mac(), record.mac())
                                && record.computeHash().equals(record.recordHash());
                if (!asSigned) {
                    return broken(chain, table, record, null, "与检查点 " + newest.getValue().by().id()
                            + " 所签署的记录不符，记录被改动或替换 (differs from what the checkpoint signed: altered or replaced)");
                }
                hashedSeen = record.recordHash() != null;
            }
            expected = anchor.seq() + 1;
            prevHash = anchor.hash();
            prevMac = anchor.mac();
            keyedSeen = anchor.mac() != null;
        }
        // Every record the service wrote since keyed links (V10) has a hash and an HMAC, and every checkpoint was
        // written since: a record beyond a signed head without them was stripped of them behind the service's back.
        long keyedAfter = signed.isEmpty() ? Long.MAX_VALUE : signed.firstKey();
        List<? extends ChainedRecord> records;
        for (int reread = 0; ; reread++) {
            do {
                long fromSeq = expected;
                records = inTransaction(() -> source.page(chain, fromSeq, PAGE));
                for (ChainedRecord record : records) {
                    run.checked++;
                    long seq = record.chainSeq();
                    if (seq != expected) {
                        return broken(chain, table, record, expected, "序号不连续，缺少第 " + expected + " 条记录 (record missing before this one)");
                    }
                    if ((record.recordHash() == null || record.mac() == null) && seq > keyedAfter) {
                        return broken(chain, table, record, null, "签署的检查点之后的记录没有哈希或 HMAC "
                                + "(record after a signed checkpoint has no hash or HMAC: stripped behind the service's back)");
                    }
                    if (record.recordHash() == null) {
                        // Recorded before keyed chains (V10): an unhashed prefix is all it may be.
                        if (hashedSeen) {
                            return broken(chain, table, record, null, "记录没有哈希 (record has no hash: written behind the service's back)");
                        }
                        run.unkeyed++;
                        expected++;
                        continue;
                    }
                    hashedSeen = true;
                    String problem = linkProblem(chain, record, prevHash, prevMac);
                    if (problem != null) return broken(chain, table, record, null, problem);
                    if (record.mac() == null) {
                        if (keyedSeen) {
                            return broken(chain, table, record, null, "记录没有 HMAC (record has no HMAC: written behind the service's back)");
                        }
                        run.unkeyed++;
                    } else {
                        keyedSeen = true;
                        prevMac = record.mac();
                    }
                    Signed fixed = run.full ? signed.get(seq) : null;
                    if (fixed != null && (!fixed.head().hash().equals(record.recordHash()) || !Objects.equals(fixed.head().mac(), record.mac()))) {
                        return broken(chain, table, record, null, "与检查点 " + fixed.by().id()
                                + " 所签署的记录不符 (differs from what the checkpoint signed: altered or replaced)");
                    }
                    prevHash = record.recordHash();
                    expected++;
                }
                run.report(chain, false);
            } while (records.size() == PAGE);
            // The heads were read before the records, and the service goes on committing: records past the head
            // read are the service's if the head, read again, has reached them (a batch commits its records and its
            // head at once). They are checked up to it; a head that stays behind its records is reported below.
            if (head == null || head.lastSeq >= expected - 1 || reread == HEAD_REREADS) break;
            head = currentHead(chain);
        }
        long last = expected - 1;
        if (newest != null && newest.getKey() > last) {
            return missingTail(chain, table, last, newest.getKey(), newest.getValue().by());
        }
        if (head == null) {
            return new BrokenRecord(chain, "audit_chain", null, null, last + 1, null, "链头记录缺失 (the chain's head row was removed)");
        }
        if (newest != null && head.lastSeq < newest.getKey()) {
            return new BrokenRecord(chain, "audit_chain", null, head.lastSeq, newest.getKey(), null,
                    "链头被回拨：检查点 " + newest.getValue().by().id() + " 签署至第 " + newest.getKey() + " 条，链头只指向第 "
                            + head.lastSeq + " 条 (head rewound behind a signed checkpoint)");
        }
        if (head.lastSeq > last) {
            return new BrokenRecord(chain, table, null, null, last + 1, null, "链尾记录缺失：链头指向第 " + head.lastSeq + " 条，实有 "
                    + last + " 条，缺少第 " + (last + 1) + " 条起的记录 (records removed at the end of the chain)");
        }
        if (head.lastSeq < last) {
            return new BrokenRecord(chain, "audit_chain", null, head.lastSeq, last, null, "链头落后于最后一条记录：链头指向第 "
                    + head.lastSeq + " 条，实有 " + last + " 条 (head rewound, or records added behind the service's back)");
        }
        if (!head.lastHash.equals(prevHash) || !Objects.equals(head.lastMac, prevMac)) {
            return new BrokenRecord(chain, "audit_chain", null, head.lastSeq, null, null,
                    "链头与最后一条记录不符 (head does not match the chain's last record)");
        }
        return null;
    }

    /**
     * What breaks a hashed record's link with the record before it (its hash and HMAC): the previous hash it names,
     * its content against its hash, and its HMAC when it has one; null when the link holds.
     */
    private String linkProblem(String chain, ChainedRecord record, String prevHash, String prevMac) {
        if (!prevHash.equals(record.prevHash())) {
            return "前一条记录的哈希不符 (previous record removed or altered)";
        }
        if (!record.computeHash().equals(record.recordHash())) {
            return "记录内容与其哈希不符，记录已被改动 (content altered)";
        }
        if (record.mac() != null && !AuditChains.macOf(keys, chain, record.chainSeq(), prevMac, record.recordHash()).equals(record.mac())) {
            return "HMAC 不符：记录的哈希被重新计算，或并非由持有密钥的服务写入 "
                    + "(HMAC does not verify: content altered and its hash recomputed, or written without the key)";
        }
        return null;
    }

    /**
     * One decision record checked by its verification code (its record hash, as a printed report shows it), the
     * way a chain verification checks each record: its content against its hash, its link to the record before and
     * its HMAC. A record whose content was changed and whose hash was recomputed no longer has this code: it is not
     * found, which is what a printed report's reader must be told.
     */
    public RecordCheck verifyDecision(String code) {
        return inTransaction(() -> {
            DecisionRecord record = DecisionRecord.<DecisionRecord>find("recordHash", code).firstResult();
            if (record == null) return RecordCheck.unknown(code);
            String chain = record.chain();
            String prevHash = RecordHash.GENESIS;
            String prevMac = null;
            if (record.chainSeq > 1) {
                ChainSource source = sources.stream().filter(s -> s.holds(chain)).findFirst().orElseThrow();
                List<? extends ChainedRecord> before = source.page(chain, record.chainSeq - 1, 1);
                if (before.isEmpty() || before.get(0).chainSeq() != record.chainSeq - 1) {
                    return RecordCheck.of(code, record, "前一条记录缺失 (the record before it was removed)");
                }
                prevHash = before.get(0).recordHash() == null ? RecordHash.GENESIS : before.get(0).recordHash();
                prevMac = before.get(0).mac();
            }
            String problem = linkProblem(chain, record, prevHash, prevMac);
            if (problem == null && record.mac() == null) {
                problem = "记录没有 HMAC，无法证明由本服务写入 (record has no HMAC: not provably written by the service)";
            }
            return RecordCheck.of(code, record, problem);
        });
    }

    /**
     * A decision record checked by its verification code. The outcome is given only for a record that holds: the
     * stored outcome of an altered record is not the one decided.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RecordCheck(String code, boolean exists, boolean intact, String decisionId, String family,
                              String caseId, String stage, com.lexrule.policy.PolicyRef policy, String outcome,
                              String recommendation, String color, Instant decidedAt, String chain, Long seq,
                              String problem, Instant verifiedAt) {

        static RecordCheck unknown(String code) {
            return new RecordCheck(code, false, false, null, null, null, null, null, null, null, null, null, null, null,
                    "没有与此验证码对应的决定记录：验证码有误，或记录已被改动并重新计算了哈希 "
                            + "(no decision record has this code: mistyped, or the record was altered and its hash recomputed)",
                    Instant.now());
        }

        static RecordCheck of(String code, DecisionRecord r, String problem) {
            boolean intact = problem == null;
            return new RecordCheck(code, true, intact, r.id, r.family, r.caseId, r.stage,
                    intact ? new com.lexrule.policy.PolicyRef(r.family, r.policyVersion, r.policySha256) : null,
                    intact ? r.outcome : null, intact ? r.recommendation : null, intact ? r.color : null,
                    intact ? r.createdAt : null, r.chain(), r.chainSeq, problem, Instant.now());
        }
    }

    /** The head as committed now, past the persistence context (which holds the one read at the start). */
    private AuditChainHead currentHead(String chain) {
        return inTransaction(() -> em.createQuery("select h.lastSeq, h.lastHash, h.lastMac from AuditChainHead h where h.name = :name", Object[].class)
                .setParameter("name", chain).getResultStream().findFirst().map(row -> {
                    AuditChainHead head = new AuditChainHead();
                    head.name = chain;
                    head.lastSeq = ((Number) row[0]).longValue();
                    head.lastHash = (String) row[1];
                    head.lastMac = (String) row[2];
                    return head;
                }).orElse(null));
    }

    /** One short read: its entities are let go when it ends. */
    private static <T> T inTransaction(java.util.function.Supplier<T> read) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(read::get);
    }

    private static BrokenRecord missingTail(String chain, String table, long last, long signedSeq, Checkpoint by) {
        return new BrokenRecord(chain, table, null, null, last + 1, null, "链尾记录缺失：检查点 " + by.id() + "（" + by.createdAt()
                + "）签署至第 " + signedSeq + " 条，链只剩 " + last + " 条，缺少第 " + (last + 1) + " 至 " + signedSeq
                + " 条 (records removed at the end of the chain, after they were checkpointed)");
    }

    private static BrokenRecord broken(String chain, String table, ChainedRecord record, Long expectedSeq, String problem) {
        return new BrokenRecord(chain, table, record.recordId(), record.chainSeq(), expectedSeq, record.recordedAt(), problem);
    }
}
