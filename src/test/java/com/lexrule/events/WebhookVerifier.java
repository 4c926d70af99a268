package com.lexrule.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver checks a delivery (the Java example of docs/events.md, kept as a test so that it runs): written
 * from the documented rules alone, not from the service's own signing code.
 */
final class WebhookVerifier {

    private final byte[] key;
    private final Duration tolerance;

    WebhookVerifier(String secret, Duration tolerance) {
        // The secret is "whsec_" and the key in Base64.
        this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        this.tolerance = tolerance;
    }

    /** True when the signature is the subscription's and the timestamp is recent (an old one is a replay). */
    boolean verify(String id, String timestamp, String signatureHeader, String body) throws Exception {
        long sentAt = Long.parseLong(timestamp);
        if (Duration.between(Instant.ofEpochSecond(sentAt), Instant.now()).abs().compareTo(tolerance) > 0) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        // The header may hold several space-separated signatures (during a secret's rotation): any one will do.
        for (String candidate : signatureHeader.split(" ")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                return true;
            }
        }
        return false;
    }
}
