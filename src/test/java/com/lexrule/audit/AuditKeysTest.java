package com.lexrule.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys the database never holds: production refuses to start without them; a first run generates them. */
class AuditKeysTest {

    @TempDir
    Path dir;

    AuditKeys keys(boolean generate, String... profiles) {
        return new AuditKeys(dir.resolve("secrets/hmac.key"), dir.resolve("secrets/signing-key.pem"),
                dir.resolve("secrets/signing-public-key.pem"), generate, List.of(profiles));
    }

    @Test
    void productionWithoutTheKeyFilesRefusesToStart() {
        assertThatThrownBy(() -> keys(false, "prod")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing to start").hasMessageContaining("hmac.key");
    }

    @Test
    void productionNeverGeneratesKeys() {
        assertThatThrownBy(() -> keys(true, "prod")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("generate-missing-keys");
        assertThat(dir.resolve("secrets")).doesNotExist();
    }

    @Test
    void aFirstRunGeneratesTheKeysOnceAndProductionThenStartsWithThem() throws Exception {
        AuditKeys first = keys(true, "embedded");
        String hmacKey = Files.readString(dir.resolve("secrets/hmac.key"));
        AuditKeys again = keys(true, "embedded");
        assertThat(Files.readString(dir.resolve("secrets/hmac.key"))).as("kept, not regenerated").isEqualTo(hmacKey);
        assertThat(again.mac("a", "b")).isEqualTo(first.mac("a", "b"));
        assertThat(again.publicKeySha256()).isEqualTo(first.publicKeySha256());
        AuditKeys mounted = keys(false, "prod");
        byte[] body = "checkpoint".getBytes(StandardCharsets.UTF_8);
        assertThat(mounted.verify(body, first.sign(body))).isTrue();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets/hmac.key"))))
                .as("readable by the service user only").isEqualTo("rw-------");
    }

    @Test
    void theHmacDependsOnTheKey() {
        String withOne = keys(true, "test").mac("chain", "1", "record");
        Path other = dir.resolve("other");
        AuditKeys second = new AuditKeys(other.resolve("hmac.key"), other.resolve("s.pem"), other.resolve("p.pem"), true, List.of("test"));
        assertThat(second.mac("chain", "1", "record")).isNotEqualTo(withOne);
    }

    @Test
    void halfAKeyPairRefusesToStartRatherThanOrphanTheSignedCheckpoints() throws Exception {
        keys(true, "embedded");
        Files.delete(dir.resolve("secrets/signing-key.pem"));
        assertThatThrownBy(() -> keys(true, "embedded")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one half");
    }

    @Test
    void aShortHmacKeyIsRefused() throws Exception {
        keys(true, "embedded");
        Files.writeString(dir.resolve("secrets/hmac.key"), "c2hvcnQ=");
        assertThatThrownBy(() -> keys(false, "prod")).isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32");
    }
}
