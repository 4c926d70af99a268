package com.lexrule.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A checkpoint as signed: plain text, one line per chain head, so that an auditor can read it and check the
 * Ed25519 signature with openssl alone (docs/audit-integrity.md):
 * <pre>
 * lexrule-audit-checkpoint v1
 * id 3f2c...
 * created-at 2026-12-01T20:00:00.123456Z
 * key-sha256 9a1b...
 * chain decision-0 12 &lt;record sha-256&gt; &lt;record hmac or -&gt;
 * </pre>
 * The signature covers the body's UTF-8 bytes exactly.
 */
public record Checkpoint(String id, Instant createdAt, String keySha256, Map<String, Head> heads, String body, String signature) {

    static final String MAGIC = "lexrule-audit-checkpoint v1";

    /** One chain's head as signed. */
    public record Head(String chain, long seq, String hash, String mac) {
    }

    static Checkpoint create(String id, Instant createdAt, String keySha256, List<Head> heads, AuditKeys keys) {
        StringBuilder body = new StringBuilder(MAGIC).append('\n')
                .append("id ").append(id).append('\n')
                .append("created-at ").append(createdAt).append('\n')
                .append("key-sha256 ").append(keySha256).append('\n');
        Map<String, Head> byChain = new LinkedHashMap<>();
        heads.stream().sorted(java.util.Comparator.comparing(Head::chain)).forEach(h -> {
            body.append("chain ").append(h.chain()).append(' ').append(h.seq()).append(' ').append(h.hash()).append(' ')
                    .append(h.mac() == null ? "-" : h.mac()).append('\n');
            byChain.put(h.chain(), h);
        });
        String text = body.toString();
        return new Checkpoint(id, createdAt, keySha256, byChain, text, keys.sign(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads a body back; the caller checks the signature. */
    static Checkpoint parse(String body, String signature) {
        String[] lines = body.split("\n");
        if (lines.length < 4 || !MAGIC.equals(lines[0])) {
            throw new IllegalArgumentException("not a lexrule audit checkpoint");
        }
        String id = value(lines[1], "id");
        Instant createdAt = Instant.parse(value(lines[2], "created-at"));
        String key = value(lines[3], "key-sha256");
        Map<String, Head> heads = new LinkedHashMap<>();
        for (int i = 4; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f.length != 5 || !"chain".equals(f[0])) {
                throw new IllegalArgumentException("line " + (i + 1) + " of checkpoint " + id + " is not a chain head");
            }
            heads.put(f[1], new Head(f[1], Long.parseLong(f[2]), f[3], "-".equals(f[4]) ? null : f[4]));
        }
        return new Checkpoint(id, createdAt, key, heads, body, signature);
    }

    /** The exported file: the body, then the signature on a last line of its own. */
    @JsonIgnore
    String fileContent() {
        return body + "signature " + signature + "\n";
    }

    static Checkpoint parseFile(String content) {
        int last = content.lastIndexOf("signature ");
        if (last < 0) {
            throw new IllegalArgumentException("no signature line");
        }
        return parse(content.substring(0, last), content.substring(last + "signature ".length()).trim());
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected '" + key + "' in checkpoint, got: " + line);
        }
        return line.substring(key.length() + 1);
    }

    List<Head> headList() {
        return new ArrayList<>(heads.values());
    }
}
