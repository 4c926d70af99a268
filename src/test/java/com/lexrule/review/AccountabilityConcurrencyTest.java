package com.lexrule.review;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.lexrule.support.Insider;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Sixteen officers (threads) at once against the running service: each decision's history stays a line, an
 * objection is decided once, and a race is lost with a 409 problem, never a 500 and never a fork.
 */
@QuarkusTest
class AccountabilityConcurrencyTest {

    static final int THREADS = 16;
    private static final Logger LOG = Logger.getLogger(AccountabilityConcurrencyTest.class);

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    /** Sends {@code THREADS} requests released at the same instant; returns each response. */
    static List<Response> atOnce(IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return call.apply(n);
            }));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> future : futures) responses.add(future.get(2, TimeUnit.MINUTES));
        pool.shutdown();
        return responses;
    }

    static void assertEveryStatusIn(List<Response> responses, Set<Integer> allowed) {
        for (Response response : responses) {
            assertThat(response.statusCode()).as(response.asString()).isIn(allowed);
            if (response.statusCode() == 409) {
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }
    }

    /** One original; revision n corrects revision n - 1; nothing corrected twice. */
    static void assertLinear(List<Map<String, Object>> history) {
        assertThat(history).isNotEmpty();
        assertThat(history.stream().filter(e -> e.get("correctsId") == null)).as("originals").hasSize(1);
        Map<Integer, Map<String, Object>> byRevision = new HashMap<>();
        for (Map<String, Object> entry : history) {
            assertThat(byRevision.put((Integer) entry.get("revision"), entry)).as("one entry per revision").isNull();
        }
        Set<Object> corrected = new HashSet<>();
        for (int revision = 1; revision <= history.size(); revision++) {
            Map<String, Object> entry = byRevision.get(revision);
            assertThat(entry).as("revision %d of %s", revision, history).isNotNull();
            if (revision == 1) {
                assertThat(entry.get("correctsId")).isNull();
            } else {
                assertThat(entry.get("correctsId")).as("revision %d corrects the one before", revision)
                        .isEqualTo(byRevision.get(revision - 1).get("id"));
                assertThat(corrected.add(entry.get("correctsId"))).as("no entry corrected twice").isTrue();
            }
        }
    }

    static Map<Integer, Long> summary(List<Response> responses) {
        return responses.stream().collect(java.util.stream.Collectors.groupingBy(Response::statusCode, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    static List<Map<String, Object>> history(String decisionId) {
        return as("auditor").get("/api/v1/decisions/" + decisionId).then().statusCode(200).extract().jsonPath()
                .getList("officerDecisions");
    }

    @Test
    void sixteenConcurrentCorrectionsLeaveOneLinearHistory() throws Exception {
        String id = AccountabilityTest.decide("RACE-OD-1");
        List<Response> responses = atOnce(n -> as("officer")
                .body(Map.of("taken", n % 2 == 0 ? "BAIL" : "RESIDENTIAL_SURVEILLANCE", "officer", "P-" + n, "reason", "理由 " + n))
                .put(AccountabilityTest.OFFICER_DECISION.formatted(id)));
        assertEveryStatusIn(responses, Set.of(201, 409));
        LOG.infof("16 concurrent corrections: %s", summary(responses));
        List<Map<String, Object>> history = history(id);
        assertThat(history).hasSize((int) responses.stream().filter(r -> r.statusCode() == 201).count());
        assertLinear(history);
        as("auditor").get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void sixteenConcurrentIdenticalDecisionsAreRecordedOnce() throws Exception {
        String id = AccountabilityTest.decide("RACE-OD-2");
        List<Response> responses = atOnce(n -> as("officer").body(Map.of("taken", "ARREST", "officer", "P-7"))
                .put(AccountabilityTest.OFFICER_DECISION.formatted(id)));
        assertEveryStatusIn(responses, Set.of(200, 201, 409));
        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        List<Map<String, Object>> history = history(id);
        assertThat(history).hasSize(1);
        assertLinear(history);
    }

    @Test
    void sixteenConcurrentOutcomesOfOneObjectionGiveOne201AndFifteen409Problems() throws Exception {
        String decision = AccountabilityTest.decide("RACE-OBJ-1");
        String objection = as("officer").body(Map.of("objector", "S", "objectorRole", "SUBJECT", "grounds", "不服"))
                .post("/api/v1/decisions/" + decision + "/objections").then().statusCode(201).extract().path("id");
        List<Response> responses = atOnce(n -> as("officer")
                .body(Map.of("outcome", n % 2 == 0 ? "UPHELD" : "DISMISSED", "reason", "理由 " + n))
                .post("/api/v1/objections/" + objection + "/outcome"));
        assertEveryStatusIn(responses, Set.of(201, 409));
        LOG.infof("16 concurrent outcomes: %s", summary(responses));
        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.statusCode() == 409)).hasSize(THREADS - 1);
        as("auditor").get("/api/v1/decisions/" + decision).then().statusCode(200)
                .body("objections[0].outcome.outcome", equalTo(responses.stream().filter(r -> r.statusCode() == 201)
                        .findFirst().orElseThrow().jsonPath().getString("outcome")));
    }

    @Test
    void aDecisionTakenThatTheFamilysCatalogDoesNotListIsRefusedAndNothingIsStored() {
        String id = AccountabilityTest.decide("TAKEN-FOO");
        as("officer").body(Map.of("taken", "FOO", "officer", "P-1", "reason", "随便"))
                .put(AccountabilityTest.OFFICER_DECISION.formatted(id))
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("taken")).body("errors[0].rejectedValue", equalTo("FOO"));
        assertThat(history(id)).isEmpty();
        // A code of another family's catalog is no outcome of this one either.
        as("officer").body(Map.of("taken", "MERITORIOUS_SERVICE", "officer", "P-1", "reason", "随便"))
                .put(AccountabilityTest.OFFICER_DECISION.formatted(id)).then().statusCode(400).body("errors[0].field", equalTo("taken"));
        assertThat(history(id)).isEmpty();
    }

    @Test
    void theDatabaseItselfRefusesASecondOriginalAndASecondCorrectionOfOneEntry() {
        String id = AccountabilityTest.decide("RACE-OD-DB");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-1")).put(AccountabilityTest.OFFICER_DECISION.formatted(id))
                .then().statusCode(201);
        as("officer").body(Map.of("taken", "BAIL", "officer", "P-1", "reason", "更正")).put(AccountabilityTest.OFFICER_DECISION.formatted(id))
                .then().statusCode(201);
        Insider insider = new Insider(dataSource, dbKind);
        List<Map<String, Object>> rows = insider.rows("select * from officer_decision where decision_id = ? order by revision", id);
        long top = ((Number) insider.rows("select max(chain_seq) as m from officer_decision").get(0).get("m")).longValue();
        for (Map<String, Object> original : List.of(rows.get(0), rows.get(1))) {
            // A fork: the same revision (a second original, or a second correction of the original) under a new id.
            Map<String, Object> fork = new java.util.LinkedHashMap<>(original);
            fork.put("id", java.util.UUID.randomUUID().toString());
            fork.put("chain_seq", top + 100);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> insider.plain(c -> Insider.insert(c, "officer_decision", List.of(fork))))
                    .isInstanceOf(java.sql.SQLException.class)
                    .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("23505"));
        }
        assertThat(history(id)).hasSize(2);
    }
}
