package com.lexrule.audit;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.lexrule.support.Insider;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Someone who holds the database (and neither the HMAC key nor the checkpoint signing key) rewrites the trail the
 * ways issue 10 found; each is detected and named: the chain, the first bad record or the sequence number the
 * missing tail starts at. Each test puts back exactly what it changed, so the trail is intact again afterwards.
 */
@QuarkusTest
class AuditTamperTest {

    static final String OFFICER_DECISION = "/api/v1/decisions/%s/officer-decision";
    static final List<String> AUDIT_TABLES = List.of("decision_record", "officer_decision", "objection",
            "objection_outcome", "audit_checkpoint", "audit_chain");

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "lexrule.audit.checkpoint-dir")
    Path checkpointDir;

    Insider insider() {
        return new Insider(dataSource, dbKind);
    }

    static JsonPath verify(boolean full) {
        return as("auditor").queryParam("full", full).get("/api/v1/audit/verification").then().statusCode(200)
                .extract().jsonPath();
    }

    static void checkpoint() {
        as("auditor").post("/api/v1/audit/checkpoints").then().statusCode(201);
    }

    static void assertIntact() {
        for (boolean full : new boolean[] {false, true}) {
            JsonPath verification = verify(full);
            assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
        }
    }

    /** The report's entry for one chain. */
    static Map<String, Object> brokenChain(JsonPath verification, String chain) {
        assertThat(verification.getBoolean("intact")).as(verification.prettify()).isFalse();
        Map<String, Object> entry = verification.getMap("brokenChains.find { it.chain == '" + chain + "' }");
        assertThat(entry).as("chain %s named in %s", chain, verification.prettify()).isNotNull();
        return entry;
    }

    Map<String, Object> record(String id) {
        return insider().rows("select * from decision_record where id = ?", id).get(0);
    }

    Map<String, Object> head(String chain) {
        return insider().rows("select * from audit_chain where name = ?", chain).get(0);
    }

    static String chainOf(Map<String, Object> record) {
        return AuditChains.decisionChain(((Number) record.get("chain_partition")).intValue());
    }

    static long seq(Map<String, Object> record) {
        return ((Number) record.get("chain_seq")).longValue();
    }

    /** Three decisions of one case, hence of one chain, one after the other. */
    List<String> threeInOneChain(String caseId) {
        return List.of(AuditTrailTest.decide(caseId), AuditTrailTest.decide(caseId), AuditTrailTest.decide(caseId));
    }

    @Test
    void aRecordWhoseFactsWereChangedAndWhoseHashWasRecomputedWithTheHeadIsNamed() {
        List<String> ids = threeInOneChain("TAMPER-RECOMPUTE");
        checkpoint();
        String later = AuditTrailTest.decide("TAMPER-RECOMPUTE");
        Map<String, Object> victim = record(ids.get(2));
        Map<String, Object> next = record(later);
        String chain = chainOf(victim);
        Map<String, Object> head = head(chain);
        try {
            // The insider changes the facts, recomputes the SHA-256 of this and the next record, and moves the head.
            DecisionRecord altered = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(ids.get(2)));
            altered.requestJson = altered.requestJson.replace("FLIGHT_HISTORY", "NO_FIXED_RESIDENCE");
            altered.recordHash = RecordHash.of(altered);
            DecisionRecord following = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(later));
            following.prevHash = altered.recordHash;
            following.recordHash = RecordHash.of(following);
            String alteredJson = altered.requestJson;
            String alteredHash = altered.recordHash;
            String followingHash = following.recordHash;
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.execute(c, "update decision_record set request_json = ?, record_hash = ? where id = ?", alteredJson, alteredHash, ids.get(2));
                Insider.execute(c, "update decision_record set prev_hash = ?, record_hash = ? where id = ?", alteredHash, followingHash, later);
                Insider.execute(c, "update audit_chain set last_hash = ? where name = ?", followingHash, chain);
            });
            // Before the checkpoint: only the full verification reads it, and names it by its HMAC.
            Map<String, Object> full = brokenChain(verify(true), chain);
            assertThat(full.get("recordId")).isEqualTo(ids.get(2));
            assertThat((String) full.get("problem")).contains("HMAC does not verify");
            // The fast path starts at the checkpoint, which signed this very record: it no longer matches.
            Map<String, Object> fast = brokenChain(verify(false), chain);
            assertThat(fast.get("recordId")).isEqualTo(ids.get(2));
            assertThat((String) fast.get("problem")).contains("differs from what the checkpoint signed");
        } finally {
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.restore(c, "decision_record", "id", victim);
                Insider.restore(c, "decision_record", "id", next);
                Insider.restore(c, "audit_chain", "name", head);
            });
        }
        assertIntact();
    }

    @Test
    void aRecordRecomputedAfterTheLastCheckpointIsNamedByItsHmac() {
        checkpoint();
        List<String> ids = threeInOneChain("TAMPER-AFTER-CHECKPOINT");
        Map<String, Object> victim = record(ids.get(2));
        String chain = chainOf(victim);
        Map<String, Object> head = head(chain);
        try {
            DecisionRecord altered = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(ids.get(2)));
            altered.responseJson = altered.responseJson.replace("\"YELLOW\"", "\"GREEN\"");
            String hash = RecordHash.of(altered);
            String json = altered.responseJson;
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.execute(c, "update decision_record set response_json = ?, record_hash = ? where id = ?", json, hash, ids.get(2));
                Insider.execute(c, "update audit_chain set last_hash = ? where name = ?", hash, chain);
            });
            for (boolean full : new boolean[] {false, true}) {
                Map<String, Object> broken = brokenChain(verify(full), chain);
                assertThat(broken.get("recordId")).isEqualTo(ids.get(2));
                assertThat(((Number) broken.get("seq")).longValue()).isEqualTo(seq(victim));
                assertThat((String) broken.get("problem")).contains("HMAC does not verify");
            }
        } finally {
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.restore(c, "decision_record", "id", victim);
                Insider.restore(c, "audit_chain", "name", head);
            });
        }
        assertIntact();
    }

    @Test
    void aDeletedLastRecordIsNamedAsTheMissingTail() {
        List<String> ids = threeInOneChain("TAMPER-DELETE-LAST");
        checkpoint();
        Map<String, Object> last = record(ids.get(2));
        String chain = chainOf(last);
        try {
            insider().unguarded(List.of("decision_record"), c -> Insider.execute(c, "delete from decision_record where id = ?", ids.get(2)));
            for (boolean full : new boolean[] {false, true}) {
                Map<String, Object> broken = brokenChain(verify(full), chain);
                assertThat(((Number) broken.get("expectedSeq")).longValue()).isEqualTo(seq(last));
                assertThat((String) broken.get("problem")).contains("records removed at the end of the chain");
            }
        } finally {
            insider().unguarded(List.of("decision_record"), c -> Insider.insert(c, "decision_record", List.of(last)));
        }
        assertIntact();
    }

    @Test
    void aRecordDeletedFromTheMiddleOfAChainIsNamed() {
        List<String> ids = threeInOneChain("TAMPER-DELETE-MIDDLE");
        checkpoint(); // signs the third record
        String after = AuditTrailTest.decide("TAMPER-DELETE-MIDDLE");
        Map<String, Object> signed = record(ids.get(2));
        String chain = chainOf(signed);
        try {
            insider().unguarded(List.of("decision_record"), c -> Insider.execute(c, "delete from decision_record where id = ?", ids.get(2)));
            Map<String, Object> fast = brokenChain(verify(false), chain);
            assertThat(((Number) fast.get("expectedSeq")).longValue()).isEqualTo(seq(signed));
            assertThat((String) fast.get("problem")).contains("the record the checkpoint signed was removed");
            Map<String, Object> full = brokenChain(verify(true), chain);
            assertThat(full.get("recordId")).isEqualTo(after);
            assertThat(((Number) full.get("expectedSeq")).longValue()).isEqualTo(seq(signed));
            assertThat((String) full.get("problem")).contains("record missing before this one");
        } finally {
            insider().unguarded(List.of("decision_record"), c -> Insider.insert(c, "decision_record", List.of(signed)));
        }
        assertIntact();
    }

    @Test
    void aTruncatedTailWithItsHeadRewoundIsCaughtByTheSignedCheckpoint() {
        List<String> ids = threeInOneChain("TAMPER-TRUNCATE-TAIL");
        checkpoint();
        Map<String, Object> first = record(ids.get(0));
        Map<String, Object> second = record(ids.get(1));
        Map<String, Object> third = record(ids.get(2));
        String chain = chainOf(first);
        Map<String, Object> head = head(chain);
        try {
            // Cut the last two records off and rewind the head onto the first: the chain itself is consistent again.
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.execute(c, "delete from decision_record where id in (?, ?)", ids.get(1), ids.get(2));
                Insider.execute(c, "update audit_chain set last_seq = ?, last_hash = ?, last_mac = ? where name = ?",
                        first.get("chain_seq"), first.get("record_hash"), first.get("mac"), chain);
            });
            for (boolean full : new boolean[] {false, true}) {
                Map<String, Object> broken = brokenChain(verify(full), chain);
                assertThat(((Number) broken.get("expectedSeq")).longValue()).isEqualTo(seq(second));
                assertThat((String) broken.get("problem")).contains("after they were checkpointed").contains("第 " + seq(third) + " 条");
            }
        } finally {
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.insert(c, "decision_record", List.of(second, third));
                Insider.restore(c, "audit_chain", "name", head);
            });
        }
        assertIntact();
    }

    @Test
    void aRewoundHeadIsCaught() {
        List<String> ids = threeInOneChain("TAMPER-REWIND-HEAD");
        checkpoint();
        Map<String, Object> first = record(ids.get(0));
        String chain = chainOf(first);
        Map<String, Object> head = head(chain);
        try {
            insider().unguarded(List.of("audit_chain"), c -> Insider.execute(c,
                    "update audit_chain set last_seq = ?, last_hash = ?, last_mac = ? where name = ?",
                    first.get("chain_seq"), first.get("record_hash"), first.get("mac"), chain));
            for (boolean full : new boolean[] {false, true}) {
                Map<String, Object> broken = brokenChain(verify(full), chain);
                assertThat(broken.get("table")).isEqualTo("audit_chain");
                assertThat((String) broken.get("problem")).contains("head rewound");
            }
        } finally {
            insider().unguarded(List.of("audit_chain"), c -> Insider.restore(c, "audit_chain", "name", head));
        }
        assertIntact();
    }

    @Test
    void truncatedOfficerDecisionsObjectionsAndOutcomesAreEachNamed() {
        String decision = AuditTrailTest.decide("TAMPER-TRUNCATE-REVIEW");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-1"))
                .put(OFFICER_DECISION.formatted(decision)).then().statusCode(201);
        String objection = as("officer").body(Map.of("objector", "S", "objectorRole", "SUBJECT", "grounds", "不服"))
                .post("/api/v1/decisions/" + decision + "/objections").then().statusCode(201).extract().path("id");
        as("officer").body(Map.of("outcome", "DISMISSED")).post("/api/v1/objections/" + objection + "/outcome")
                .then().statusCode(201);
        checkpoint();
        List<Map<String, Object>> decisions = insider().rows("select * from officer_decision order by chain_seq");
        List<Map<String, Object>> objections = insider().rows("select * from objection order by chain_seq");
        List<Map<String, Object>> outcomes = insider().rows("select * from objection_outcome order by chain_seq");
        List<String> tables = List.of("officer_decision", "objection_outcome", "objection");
        try {
            insider().unguarded(tables, c -> {
                try (Statement s = c.createStatement()) {
                    if (insider().postgres()) {
                        s.execute("truncate officer_decision, objection_outcome, objection");
                    } else {
                        for (String table : tables) s.execute("truncate table " + table);
                    }
                }
            });
            JsonPath verification = verify(false);
            for (String[] chain : new String[][] {{"officer-decision", "officer_decision"}, {"objection", "objection"},
                    {"objection-outcome", "objection_outcome"}}) {
                Map<String, Object> broken = brokenChain(verification, chain[0]);
                assertThat(broken.get("table")).isEqualTo(chain[1]);
                assertThat(((Number) broken.get("expectedSeq")).longValue()).isEqualTo(1);
                assertThat((String) broken.get("problem")).contains("records removed at the end of the chain");
            }
        } finally {
            insider().unguarded(tables, c -> {
                Insider.insert(c, "objection", objections);
                Insider.insert(c, "objection_outcome", outcomes);
                Insider.insert(c, "officer_decision", decisions);
            });
        }
        assertIntact();
    }

    @Test
    void aRecordForgedWithoutHmacIntoAnUnusedChainAsIfWrittenBeforeKeyedLinksIsCaught() {
        checkpoint(); // signs decision-40 (unused by a 16-chain service) at sequence number 0
        String source = AuditTrailTest.decide("TAMPER-FORGE-UNKEYED");
        String chain = AuditChains.decisionChain(40);
        Map<String, Object> head = head(chain);
        String forged = UUID.randomUUID().toString();
        try {
            DecisionRecord copy = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(source));
            copy.id = forged;
            copy.chainPartition = 40;
            copy.chainSeq = 1;
            copy.prevHash = RecordHash.GENESIS;
            String hash = RecordHash.of(copy);
            Map<String, Object> row = new java.util.LinkedHashMap<>(record(source));
            row.put("id", forged);
            row.put("chain_partition", 40);
            row.put("chain_seq", 1L);
            row.put("prev_hash", RecordHash.GENESIS);
            row.put("record_hash", hash);
            row.put("mac", null);
            insider().unguarded(List.of("audit_chain"), c -> {
                Insider.insert(c, "decision_record", List.of(row));
                Insider.execute(c, "update audit_chain set last_seq = 1, last_hash = ? where name = ?", hash, chain);
            });
            for (boolean full : new boolean[] {false, true}) {
                Map<String, Object> broken = brokenChain(verify(full), chain);
                assertThat(broken.get("recordId")).isEqualTo(forged);
                assertThat((String) broken.get("problem")).contains("has no hash or HMAC");
            }
        } finally {
            insider().unguarded(List.of("decision_record", "audit_chain"), c -> {
                Insider.execute(c, "delete from decision_record where id = ?", forged);
                Insider.restore(c, "audit_chain", "name", head);
            });
        }
        assertIntact();
    }

    @Test
    void aForgedCheckpointInTheDatabaseIsNamed() {
        String id = UUID.randomUUID().toString();
        String body = Checkpoint.MAGIC + "\nid " + id + "\ncreated-at 2030-01-01T00:00:00Z\nkey-sha256 " + "0".repeat(64)
                + "\nchain decision-0 999999 " + "0".repeat(64) + " -\n";
        try {
            insider().unguarded(List.of(), c -> Insider.execute(c,
                    "insert into audit_checkpoint (id, created_at, body, signature, key_sha256) values (?, ?, ?, ?, ?)",
                    id, java.time.OffsetDateTime.parse("2030-01-01T00:00:00Z"), body,
                    Base64.getEncoder().encodeToString(new byte[64]), "0".repeat(64)));
            JsonPath verification = verify(false);
            assertThat(verification.getBoolean("intact")).isFalse();
            assertThat(verification.getList("brokenChains.recordId")).contains(id);
            assertThat(verification.getString("brokenChains.find { it.recordId == '" + id + "' }.problem"))
                    .contains("checkpoint signature does not verify");
        } finally {
            insider().unguarded(List.of("audit_checkpoint"), c -> Insider.execute(c, "delete from audit_checkpoint where id = ?", id));
        }
        assertIntact();
    }

    @Test
    void anAuditorDownloadsCheckpointsThatVerifyOfflineWithThePublicKey() throws Exception {
        AuditTrailTest.decide("CHECKPOINT-DOWNLOAD");
        String written = as("auditor").post("/api/v1/audit/checkpoints").then().statusCode(201).extract().path("id");
        JsonPath download = as("auditor").get("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        assertThat(download.getString("algorithm")).isEqualTo("Ed25519");
        String pem = download.getString("publicKeyPem");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        List<Map<String, Object>> checkpoints = download.getList("checkpoints");
        assertThat(checkpoints).extracting(c -> c.get("id")).contains(written);
        for (Map<String, Object> checkpoint : checkpoints) {
            ed25519.update(((String) checkpoint.get("body")).getBytes(StandardCharsets.UTF_8));
            assertThat(ed25519.verify(Base64.getDecoder().decode((String) checkpoint.get("signature"))))
                    .as("checkpoint %s verifies with the published key", checkpoint.get("id")).isTrue();
        }
        assertThat((String) checkpoints.get(0).get("body")).contains("\nchain decision-0 ").contains("\nchain officer-decision ");
        // ... and the same checkpoint lies in the export directory, outside the database.
        try (var files = Files.list(checkpointDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.contains(written));
        }
        as("case-system").get("/api/v1/audit/checkpoints").then().statusCode(403);
        as("officer").post("/api/v1/audit/checkpoints").then().statusCode(403);
    }

    @Test
    void everyAuditTableRefusesUpdateDeleteAndTruncate() throws SQLException {
        ensureEveryAuditTableHasRows();
        assertEveryAuditTableRefusesChanges(false);
    }

    @Test
    void underReplicationRoleReplicaPostgresqlStillRefuses() throws SQLException {
        Assumptions.assumeTrue("postgresql".equals(dbKind), "session_replication_role is PostgreSQL's");
        ensureEveryAuditTableHasRows();
        assertEveryAuditTableRefusesChanges(true);
    }

    private void ensureEveryAuditTableHasRows() {
        String decision = AuditTrailTest.decide("APPEND-ONLY-ALL");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-1"))
                .put(OFFICER_DECISION.formatted(decision)).then().statusCode(201);
        String objection = as("officer").body(Map.of("objector", "S", "objectorRole", "SUBJECT", "grounds", "不服"))
                .post("/api/v1/decisions/" + decision + "/objections").then().statusCode(201).extract().path("id");
        as("officer").body(Map.of("outcome", "DISMISSED")).post("/api/v1/objections/" + objection + "/outcome")
                .then().statusCode(201);
        checkpoint();
    }

    private void assertEveryAuditTableRefusesChanges(boolean replica) throws SQLException {
        Insider insider = insider();
        for (String table : AUDIT_TABLES) {
            long before = count(table);
            assertThat(before).as(table).isPositive();
            String column = "audit_chain".equals(table) ? "last_seq" : "audit_checkpoint".equals(table) ? "body" : "id";
            for (String sql : List.of(
                    "update " + table + " set " + column + " = " + column,
                    "delete from " + table,
                    insider.postgres() ? "truncate " + table + " cascade" : "truncate table " + table)) {
                assertThatThrownBy(() -> insider.plain(c -> {
                    if (replica) execute(c, "set local session_replication_role = replica");
                    execute(c, sql);
                })).as("%s%s", sql, replica ? " under session_replication_role = replica" : "")
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> {
                            if (!sql.startsWith("truncate") || insider.postgres()) assertThat(e.getMessage()).contains("refused");
                        });
                assertThat(count(table)).as("%s left %s as it was", sql, table).isEqualTo(before);
            }
        }
        // A chain head may advance, never go back.
        assertThatThrownBy(() -> insider.plain(c -> execute(c, "update audit_chain set last_seq = last_seq - 1")))
                .isInstanceOf(SQLException.class).hasMessageContaining("only advances");
        as("auditor").get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    private long count(String table) {
        return ((Number) insider().rows("select count(*) as n from " + table).get(0).get("n")).longValue();
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
