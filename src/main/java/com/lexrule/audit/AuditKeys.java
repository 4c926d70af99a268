package com.lexrule.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The two keys that the database never holds: the HMAC key that links the records of every chain, and the Ed25519
 * key that signs checkpoints of the chain heads. Both are read from files (in production a Kubernetes Secret
 * mounted as files); someone who holds the database alone can therefore neither re-link a record nor sign a head.
 * A first run on a laptop or a test generates them, outside the database directory; production refuses to start
 * without them.
 */
@ApplicationScoped
public class AuditKeys {

    private static final Logger LOG = Logger.getLogger(AuditKeys.class);
    static final String HMAC = "HmacSHA256";
    static final String SIGNATURE = "Ed25519";
    private static final int MIN_HMAC_KEY_BYTES = 32;

    private final SecretKeySpec hmacKey;
    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final String publicKeySha256;

    @Inject
    public AuditKeys(@ConfigProperty(name = "lexrule.audit.hmac-key-file") Path hmacKeyFile,
                     @ConfigProperty(name = "lexrule.audit.signing-key-file") Path signingKeyFile,
                     @ConfigProperty(name = "lexrule.audit.signing-public-key-file") Path publicKeyFile,
                     @ConfigProperty(name = "lexrule.audit.generate-missing-keys", defaultValue = "false") boolean generate) {
        this(hmacKeyFile, signingKeyFile, publicKeyFile, generate, ConfigUtils.getProfiles());
    }

    AuditKeys(Path hmacKeyFile, Path signingKeyFile, Path publicKeyFile, boolean generate, List<String> profiles) {
        if (generate && profiles.contains("prod")) {
            throw new IllegalStateException("Refusing to start: lexrule.audit.generate-missing-keys=true in the prod "
                    + "profile. Mount the audit keys (docs/audit-integrity.md).");
        }
        try {
            if (generate) {
                generateMissing(hmacKeyFile, signingKeyFile, publicKeyFile);
            }
            for (Path file : List.of(hmacKeyFile, signingKeyFile, publicKeyFile)) {
                if (!Files.isReadable(file)) {
                    throw new IllegalStateException("Refusing to start: audit key file " + file.toAbsolutePath()
                            + " is missing or unreadable (lexrule.audit.hmac-key-file, signing-key-file, "
                            + "signing-public-key-file; docs/audit-integrity.md)");
                }
            }
            byte[] secret = Base64.getMimeDecoder().decode(Files.readString(hmacKeyFile, StandardCharsets.US_ASCII).trim());
            if (secret.length < MIN_HMAC_KEY_BYTES) {
                throw new IllegalStateException("Refusing to start: the audit HMAC key in " + hmacKeyFile
                        + " has " + secret.length + " bytes; it must be base64 of at least " + MIN_HMAC_KEY_BYTES);
            }
            this.hmacKey = new SecretKeySpec(secret, HMAC);
            KeyFactory keys = KeyFactory.getInstance(SIGNATURE);
            this.signingKey = keys.generatePrivate(new PKCS8EncodedKeySpec(pem(signingKeyFile, "PRIVATE KEY")));
            this.publicKey = keys.generatePublic(new X509EncodedKeySpec(pem(publicKeyFile, "PUBLIC KEY")));
            this.publicKeySha256 = DigestUtils.sha256Hex(publicKey.getEncoded());
            // A private key that does not belong to the published public key would sign checkpoints nobody can check.
            byte[] probe = "lexrule key pair check".getBytes(StandardCharsets.US_ASCII);
            if (!verify(probe, sign(probe))) {
                throw new IllegalStateException("Refusing to start: " + signingKeyFile + " and " + publicKeyFile
                        + " are not one Ed25519 key pair");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("audit keys could not be read", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Refusing to start: the audit keys are malformed: " + e.getMessage(), e);
        }
    }

    /** Created at start-up, so that a missing key stops the service before it answers anything. */
    void onStart(@Observes StartupEvent event) {
        LOG.infof("Audit keys loaded; checkpoint signing key sha256 %s", publicKeySha256);
    }

    /** HMAC-SHA256 over length-prefixed parts, hex. */
    public String mac(String... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(hmacKey);
            for (String part : parts) {
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                mac.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
                mac.update(bytes);
            }
            return Hex.encodeHexString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sign(byte[] body) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE);
            signature.initSign(signingKey);
            signature.update(body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(byte[] body, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE);
            signature.initVerify(publicKey);
            signature.update(body);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The checkpoint verification key, X.509 SubjectPublicKeyInfo in PEM, as openssl writes it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String publicKeySha256() {
        return publicKeySha256;
    }

    private static void generateMissing(Path hmacKeyFile, Path signingKeyFile, Path publicKeyFile)
            throws IOException, GeneralSecurityException {
        if (!Files.exists(hmacKeyFile)) {
            byte[] secret = new byte[MIN_HMAC_KEY_BYTES];
            new SecureRandom().nextBytes(secret);
            writeSecret(hmacKeyFile, Base64.getEncoder().encodeToString(secret) + "\n");
            LOG.warnf("Generated a new audit HMAC key in %s: keep it, and keep it away from the database", hmacKeyFile.toAbsolutePath());
        }
        boolean hasPrivate = Files.exists(signingKeyFile);
        boolean hasPublic = Files.exists(publicKeyFile);
        if (hasPrivate != hasPublic) {
            throw new IllegalStateException("Refusing to start: only one half of the checkpoint key pair exists ("
                    + (hasPrivate ? signingKeyFile : publicKeyFile) + "); a new pair would orphan the checkpoints signed so far");
        }
        if (!hasPrivate) {
            KeyPair pair = KeyPairGenerator.getInstance(SIGNATURE).generateKeyPair();
            writeSecret(signingKeyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKeyFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            LOG.warnf("Generated a new checkpoint signing key pair in %s", signingKeyFile.toAbsolutePath().getParent());
        }
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another test run or replica generated it first: keep theirs
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no PEM block of type " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(begin + type.length() + 16, end));
    }
}
