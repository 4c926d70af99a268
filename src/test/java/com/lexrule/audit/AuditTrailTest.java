package com.lexrule.audit;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Insider;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The audit trail is tamper-evident and append-only: each record hashes its content and the previous record of
 * its chain; PostgreSQL itself refuses to change or delete one; verification names the first record that was
 * altered behind the service's back.
 */
@QuarkusTest
class AuditTrailTest {

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    static String decide(String caseId) {
        return post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", caseId,
                "dangerIndicators", List.of("FLIGHT_HISTORY"))).statusCode(200).extract().path("decisionId");
    }

    @Test
    void everyRecordIsChainedAndTheChainVerifies() {
        String first = decide("CHAIN-1");
        String second = decide("CHAIN-1");
        DecisionRecord a = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(first));
        DecisionRecord b = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(second));
        assertThat(b.chainPartition).as("a case stays in one chain").isEqualTo(a.chainPartition);
        assertThat(b.chainSeq).isGreaterThan(a.chainSeq);
        assertThat(a.recordHash).matches("[0-9a-f]{64}");
        as("auditor").get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void aRecordAlteredBehindTheServicesBackIsNamedByVerification() {
        String victim = decide("TAMPER-1");
        decide("TAMPER-1");
        String original = QuarkusTransaction.requiringNew().call(() -> ((DecisionRecord) DecisionRecord.findById(victim)).responseJson);
        try {
            rawUpdate(victim, original.replace("\"YELLOW\"", "\"GREEN\""));
            JsonPath verification = as("auditor").queryParam("full", true).get("/api/v1/audit/verification").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(verification.getBoolean("intact")).isFalse();
            assertThat(verification.getString("firstBroken.recordId")).isEqualTo(victim);
            assertThat(verification.getString("firstBroken.problem")).contains("content altered");
        } finally {
            rawUpdate(victim, original);
        }
        as("auditor").get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theDatabaseItselfRefusesToUpdateOrDeleteADecisionRecord() {
        String id = decide("APPEND-ONLY-1");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("update decision_record set outcome = 'X' where id = :id").setParameter("id", id).executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em
                .createNativeQuery("delete from decision_record where id = :id").setParameter("id", id).executeUpdate()))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void eightConcurrentWritersLeaveEveryChainIntact() throws Exception {
        long before = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int writer = t;
            writers.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < 200; i++) {
                    int status = as("case-system").body(with(ArrestRulesTest.CASE, "caseId", "LOAD-" + writer + "-" + (i % 20),
                            "dangerIndicators", List.of("FLIGHT_HISTORY"))).post(ArrestRulesTest.PATH).statusCode();
                    if (status == 200) ok++;
                }
                return ok;
            }));
        }
        int answered = 0;
        for (Future<Integer> writer : writers) answered += writer.get(5, TimeUnit.MINUTES);
        pool.shutdown();
        assertThat(answered).isEqualTo(1600);
        long after = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count());
        assertThat(after - before).isEqualTo(1600);
        long started = System.nanoTime();
        JsonPath verification = as("auditor").queryParam("full", true).get("/api/v1/audit/verification").then().statusCode(200)
                .extract().jsonPath();
        long fullMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
        assertThat(verification.getLong("recordsChecked")).isGreaterThanOrEqualTo(after);
        as("auditor").post("/api/v1/audit/checkpoints").then().statusCode(201);
        as("auditor").get("/api/v1/audit/verification").then().statusCode(200); // once cold (signature code)
        started = System.nanoTime();
        JsonPath fast = as("auditor").get("/api/v1/audit/verification").then().statusCode(200).extract().jsonPath();
        assertThat(fast.getBoolean("intact")).as(fast.prettify()).isTrue();
        org.jboss.logging.Logger.getLogger(AuditTrailTest.class).infof("verification: full %d records in %d ms; from the checkpoint %d records in %d ms",
                verification.getLong("recordsChecked"), fullMillis, fast.getLong("recordsChecked"), (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void onlyAuditorsAndAdminsMayVerify() {
        as("case-system").get("/api/v1/audit/verification").then().statusCode(403);
    }

    private void rawUpdate(String id, String responseJson) {
        new Insider(dataSource, dbKind).unguarded(List.of("decision_record"), c ->
                Insider.execute(c, "update decision_record set response_json = ? where id = ?", responseJson, id));
    }
}
