package com.lexrule.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a chained record: SHA-256 over its canonical content (every stored field, in a fixed order, each
 * length-prefixed so no two contents collide) and over the previous record of its chain. It needs no key: anyone
 * can check that a chain hangs together; only the HMAC ({@link AuditChains}) says the service wrote it.
 */
public final class RecordHash {
    public static final String GENESIS = "0".repeat(64);

    private RecordHash() {
    }

    static String of(DecisionRecord r) {
        return of(r.prevHash, r.id, r.family, r.caseId, r.subjectId, r.stage,
                r.policyVersion, r.policySha256, r.outcome, r.recommendation, r.color, r.crimeType, r.objectionId,
                r.requestJson, r.responseJson, r.caller, r.createdAt == null ? null : r.createdAt.toString(),
                r.chainPartition, r.chainSeq);
    }

    /** The fields in their fixed order; {@code null} is distinct from every string, the empty one included. */
    public static String of(Object... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object field : fields) {
                if (field == null) {
                    sha.update(ByteBuffer.allocate(4).putInt(-1).array());
                } else {
                    byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
                    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    sha.update(bytes);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
