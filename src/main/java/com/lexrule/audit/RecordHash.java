package com.lexrule.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a decision record: SHA-256 over its canonical content (every stored field, in a fixed order, each
 * length-prefixed so no two contents collide) and over the previous record of its chain.
 */
final class RecordHash {
    static final String GENESIS = "0".repeat(64);

    private RecordHash() {
    }

    static String of(DecisionRecord r) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object field : new Object[] {r.prevHash, r.id, r.family, r.caseId, r.subjectId, r.stage,
                    r.policyVersion, r.policySha256, r.outcome, r.recommendation, r.color, r.crimeType, r.objectionId,
                    r.requestJson, r.responseJson, r.caller, r.createdAt == null ? null : r.createdAt.toString(),
                    r.chainPartition, r.chainSeq}) {
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
