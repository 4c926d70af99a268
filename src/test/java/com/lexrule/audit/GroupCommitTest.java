package com.lexrule.audit;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.with;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Insider;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The audit is group-committed: decisions arriving together share one commit, each caller is answered only once its
 * batch is committed, a batch the database refuses is answered 503 to each of its callers and leaves the chain whole,
 * and a second writer on the same database (another replica) never forks a chain. Everything goes through the REST
 * API or plain JDBC on the service's own database; the database refuses for real.
 */
@QuarkusTest
class GroupCommitTest {

    static final String PATH = ArrestRulesTest.PATH;

    @Inject
    DataSource dataSource;

    @Inject
    AuditKeys keys;

    @Inject
    ObjectMapper json;

    @Inject
    EventOutbox outbox;

    @Inject
    ObjectionCases objections;

    @Inject
    Instance<ObjectionLink> objectionLink;


    @Inject
    ChainWriters writers;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "lexrule.audit.chains")
    int chains;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    Insider insider() {
        return new Insider(dataSource, dbKind);
    }

    static Response decide(String caseId) {
        return as("case-system").body(with(ArrestRulesTest.CASE, "caseId", caseId, "dangerIndicators", List.of("FLIGHT_HISTORY")))
                .post(PATH);
    }

    @Test
    void manyDecisionsAtOnceAreEachStoredOnceInChainsWithoutGapsThatVerifyEvenWhileTheyAreWritten() throws Exception {
        int threads = 8;
        int each = 60;
        double batchesBefore = metric("lexrule_audit_batch_size_count", "");
        double recordedBefore = metric("lexrule_decisions_recorded_total", "family=\"arrest\"");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        // An auditor verifies while the writers commit: heads and records read mid-load still agree.
        Future<Integer> verifications = pool.submit(() -> {
            int runs = 0;
            while (loading.get()) {
                JsonPath verification = as("auditor").queryParam("full", runs % 2 == 1).get("/api/v1/audit/verification")
                        .then().statusCode(200).extract().jsonPath();
                if (!verification.getBoolean("intact")) problems.add("verification during load: " + verification.prettify());
                runs++;
            }
            return runs;
        });
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    Response r = decide("GC-LOAD-" + thread + "-" + (i % 12));
                    if (r.statusCode() == 200) {
                        if (!answered.add(r.path("decisionId"))) problems.add("decision id answered twice: " + r.path("decisionId"));
                    } else {
                        problems.add(r.statusCode() + " " + r.asString());
                    }
                }
            }));
        }
        for (Future<?> client : clients) client.get(5, TimeUnit.MINUTES);
        loading.set(false);
        assertThat(verifications.get(1, TimeUnit.MINUTES)).as("verifications run during the load").isPositive();
        pool.shutdown();
        assertThat(problems).isEmpty();
        assertThat(answered).hasSize(threads * each);

        // every answered decision is stored, once
        List<Map<String, Object>> stored = insider().rows("select id from decision_record where case_id like 'GC-LOAD-%'");
        assertThat(stored).extracting(row -> (String) row.get("id")).containsExactlyInAnyOrderElementsOf(answered);
        everyChainIsALine();
        JsonPath verification = as("auditor").queryParam("full", true).get("/api/v1/audit/verification").then()
                .statusCode(200).extract().jsonPath();
        assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
        assertThat(verification.getLong("recordsChecked")).isGreaterThanOrEqualTo(threads * each);

        assertThat(metric("lexrule_decisions_recorded_total", "family=\"arrest\"") - recordedBefore).isEqualTo(threads * each);
        assertThat(metric("lexrule_audit_batch_size_count", "") - batchesBefore).as("batches committed").isPositive();
        String published = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(published).contains("lexrule_audit_batch_size_bucket").contains("lexrule_audit_batch_size_max")
                .containsPattern("lexrule_audit_batch_commit_seconds_bucket\\{[^}]*outcome=\"committed\"")
                .contains("lexrule_audit_batch_head_conflicts_total");
    }

    @Test
    void decisionsOfOneCaseArrivingTogetherShareCommits() throws Exception {
        int threads = 16;
        int each = 10;
        double batches = metric("lexrule_audit_batch_size_count", "");
        double decisions = metric("lexrule_audit_batch_size_sum", "");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(pool.submit(() -> {
                start.await();
                int ok = 0;
                for (int i = 0; i < each; i++) {
                    if (decide("GC-ONE-CASE").statusCode() == 200) ok++;
                }
                return ok;
            }));
        }
        start.countDown();
        int ok = 0;
        for (Future<Integer> client : clients) ok += client.get(5, TimeUnit.MINUTES);
        pool.shutdown();
        assertThat(ok).isEqualTo(threads * each);
        double committedDecisions = metric("lexrule_audit_batch_size_sum", "") - decisions;
        double committedBatches = metric("lexrule_audit_batch_size_count", "") - batches;
        assertThat(committedDecisions).isEqualTo(threads * each);
        assertThat(committedBatches).as("%s decisions of one chain from %s clients at once, in fewer commits", ok, threads)
                .isLessThan(committedDecisions);
        everyChainIsALine();
    }

    @Test
    void aBatchTheDatabaseRefusesIsAnswered503ToEachCallerAndTheNextBatchIsWritten() throws Exception {
        String refused = "GC-REFUSED-BY-THE-DATABASE";
        int partition = writers.partitionOf(refused);
        // Cases of the same chain, so that some share a batch with the refused one.
        List<String> neighbours = new ArrayList<>();
        for (int i = 0; neighbours.size() < 24; i++) {
            if (writers.partitionOf("GC-NEIGHBOUR-" + i) == partition) neighbours.add("GC-NEIGHBOUR-" + i);
        }
        decide(neighbours.get(0)).then().statusCode(200); // the writer holds the head it committed
        double failedBefore = metric("lexrule_audit_batch_commit_seconds_count", "outcome=\"failed\"");
        insider().plain(c -> Insider.execute(c, "alter table decision_record add constraint gc_test_refuses_one_case "
                + "check (case_id <> '" + refused + "')"));
        List<Response> refusedAnswers = new CopyOnWriteArrayList<>();
        Map<String, Response> neighbourAnswers = new ConcurrentHashMap<>();
        try {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    refusedAnswers.add(decide(refused));
                    return null;
                }));
            }
            for (String neighbour : neighbours.subList(1, neighbours.size())) {
                calls.add(pool.submit(() -> {
                    start.await();
                    neighbourAnswers.put(neighbour, decide(neighbour));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) call.get(2, TimeUnit.MINUTES);
            pool.shutdown();
        } finally {
            insider().plain(c -> Insider.execute(c, "alter table decision_record drop constraint gc_test_refuses_one_case"));
        }

        assertThat(refusedAnswers).hasSize(8).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.header("Retry-After")).isNotBlank();
            assertThat(r.jsonPath().getString("type")).isEqualTo("https://lexrule.example/problems/service-unavailable");
            assertThat(r.jsonPath().getInt("status")).isEqualTo(503);
        });
        assertThat(rowsOf(refused)).as("records of the refused case").isZero();
        int answeredNeighbours = 0;
        for (var answer : neighbourAnswers.entrySet()) {
            Response r = answer.getValue();
            assertThat(r.statusCode()).as(r.asString()).isIn(200, 503);
            if (r.statusCode() == 200) {
                answeredNeighbours++;
                // acknowledged: stored, and readable by an auditor
                as("auditor").get("/api/v1/decisions/" + r.path("decisionId")).then().statusCode(200);
                assertThat(rowsOf(answer.getKey())).isEqualTo(1);
            } else {
                // a 503 neighbour shared the refused batch: nothing of it is stored
                assertThat(r.jsonPath().getString("type")).endsWith("/service-unavailable");
                assertThat(rowsOf(answer.getKey())).isZero();
            }
        }
        System.out.printf("GroupCommitTest: %d of %d neighbours of the refused case answered 200, the rest shared its batch%n",
                answeredNeighbours, neighbourAnswers.size());
        assertThat(metric("lexrule_audit_batch_commit_seconds_count", "outcome=\"failed\"") - failedBefore)
                .as("failed batches").isPositive();

        // The database accepts the case again: the next batch on the same chain is written after the head it reads.
        String next = decide(refused).then().statusCode(200).extract().path("decisionId");
        assertThat(rowsOf(refused)).isEqualTo(1);
        as("auditor").get("/api/v1/decisions/" + next).then().statusCode(200);
        everyChainIsALine();
        JsonPath verification = as("auditor").queryParam("full", true).get("/api/v1/audit/verification").then()
                .statusCode(200).extract().jsonPath();
        assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
    }

    @Test
    void twoWritersOnOneDatabaseNeverForkAChain() throws Exception {
        // A second replica's writers and recorder, on the same database, keys and chain partitions.
        SimpleMeterRegistry replicaMeters = new SimpleMeterRegistry();
        ChainWriters replicaWriters = new ChainWriters(dataSource, keys, outbox, replicaMeters, java.time.ZoneId.of("Asia/Shanghai"), chains, 256, Duration.ofMillis(2));
        DecisionRecorder replica = new DecisionRecorder(json, replicaMeters, objectionLink, objections, replicaWriters);
        try {
            JsonPath first = decide("GC-REPLICAS-0").then().statusCode(200).extract().jsonPath();
            int version = first.getInt("policy.version");
            String sha256 = first.getString("policy.sha256");
            double conflicts = metric("lexrule_audit_batch_head_conflicts_total", "");
            // The replica extends the chain this service's writer holds the head of; this service's next write finds
            // the head moved, reads it again and links after the replica's record.
            String byReplica = recordOnReplica(replica, "GC-REPLICAS-0", version, sha256);
            String second = decide("GC-REPLICAS-0").then().statusCode(200).extract().path("decisionId");
            assertThat(metric("lexrule_audit_batch_head_conflicts_total", "") - conflicts).isGreaterThanOrEqualTo(1);
            List<Long> seqs = new ArrayList<>();
            for (String id : List.of(first.getString("decisionId"), byReplica, second)) {
                seqs.add(((Number) insider().rows("select chain_seq from decision_record where id = ?", id).get(0).get("chain_seq")).longValue());
            }
            assertThat(seqs).as("one after the other in one chain").containsExactly(seqs.get(0), seqs.get(0) + 1, seqs.get(0) + 2);

            // Both at once, on the same few cases (hence the same chains).
            int threads = 4;
            int each = 40;
            Set<String> ours = ConcurrentHashMap.newKeySet();
            Set<String> theirs = ConcurrentHashMap.newKeySet();
            List<String> problems = new CopyOnWriteArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        Response r = decide("GC-REPLICAS-" + (i % 4));
                        if (r.statusCode() == 200) ours.add(r.path("decisionId"));
                        else problems.add(r.statusCode() + " " + r.asString());
                    }
                    return null;
                }));
                calls.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        try {
                            theirs.add(recordOnReplica(replica, "GC-REPLICAS-" + (i % 4), version, sha256));
                        } catch (RuntimeException e) {
                            problems.add("replica: " + e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) call.get(5, TimeUnit.MINUTES);
            pool.shutdown();
            assertThat(problems).isEmpty();
            assertThat(ours).hasSize(threads * each);
            assertThat(theirs).hasSize(threads * each);
            Set<String> all = new HashSet<>(ours);
            all.addAll(theirs);
            List<Map<String, Object>> stored = insider().rows("select id from decision_record where case_id like 'GC-REPLICAS-%'");
            assertThat(stored).extracting(row -> (String) row.get("id")).containsAll(all).hasSize(all.size() + 3);
            everyChainIsALine();
            JsonPath verification = as("auditor").queryParam("full", true).get("/api/v1/audit/verification").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(verification.getBoolean("intact")).as(verification.prettify()).isTrue();
            System.out.printf("GroupCommitTest: two writers, head conflicts re-linked: here %.0f, on the replica %.0f%n",
                    metric("lexrule_audit_batch_head_conflicts_total", "") - conflicts,
                    replicaMeters.counter("lexrule.audit.batch.head-conflicts").count());
        } finally {
            replicaWriters.stop();
        }
    }

    private static String recordOnReplica(DecisionRecorder replica, String caseId, int version, String sha256) {
        String id = java.util.UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("caseId", caseId, "subjectId", "S-1");
        Map<String, Object> response = Map.of("decisionId", id, "legalCategory", "MAY_ARREST");
        replica.record(new DecisionRecorder.Entry(id, "arrest", caseId, "S-1", "ARREST_REVIEW", version, sha256,
                "MAY_ARREST/YELLOW/ARREST", "ARREST", "YELLOW", "INTENTIONAL_INJURY", request, response, "replica-test",
                Instant.now(), "arrest", null));
        return id;
    }

    private long rowsOf(String caseId) {
        return ((Number) insider().rows("select count(*) as n from decision_record where case_id = ?", caseId).get(0).get("n"))
                .longValue();
    }

    /** Every decision chain holds positions 1..n, each once, and its head is at n. */
    private void everyChainIsALine() throws SQLException {
        for (int partition = 0; partition < chains; partition++) {
            List<Long> seqs = insider().rows("select chain_seq from decision_record where chain_partition = ? order by chain_seq",
                    partition).stream().map(row -> ((Number) row.get("chain_seq")).longValue()).toList();
            assertThat(seqs).as("positions of chain decision-%d", partition)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            long head = ((Number) insider().rows("select last_seq from audit_chain where name = ?",
                    AuditChains.decisionChain(partition)).get(0).get("last_seq")).longValue();
            assertThat(head).as("head of decision-%d", partition).isEqualTo(seqs.size());
        }
    }

    /** The sum of a metric's series whose labels contain {@code labels}. */
    private double metric(String name, String labels) {
        String published = given().get(metrics).then().statusCode(200).extract().asString();
        Matcher series = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})?\\s+([0-9.Ee+-]+)$").matcher(published);
        double sum = 0;
        while (series.find()) {
            if (series.group(1) == null ? labels.isEmpty() : series.group(1).contains(labels)) {
                sum += Double.parseDouble(series.group(2));
            }
        }
        return sum;
    }
}
