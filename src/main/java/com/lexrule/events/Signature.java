package com.lexrule.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures of the Standard Webhooks specification (standardwebhooks.com), so that a receiver may use one of its
 * libraries: the secret is {@code whsec_} and 32 random bytes in Base64; each delivery carries {@code webhook-id} (the
 * event id), {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature}, {@code v1,} and the Base64
 * HMAC-SHA256, under the secret's bytes, of {@code id.timestamp.body}. The timestamp is signed, so a receiver that
 * refuses old timestamps cannot be replayed an old delivery.
 */
final class Signature {

    static final String PREFIX = "whsec_";
    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signature() {
    }

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} value of a body sent with this id at this time. */
    static String sign(String secret, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
