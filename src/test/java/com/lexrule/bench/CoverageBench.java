package com.lexrule.bench;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.lexrule.audit.DecisionRecorder;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Rule coverage at scale: fills a database to {@code lexrule.bench.decisions} arrest decisions (default 300,000)
 * through the real recorder (whose audit batches now also write the rule_coverage rollup), spread over the last year,
 * as {@link AuditScaleBench} does, then times the coverage of the version over HTTP (JSON and the workbook) and
 * prints the rollup's size. A database already filled is topped up.
 *
 * <pre>
 * mvn -B test -Ppostgres -Dtest=CoverageBench -Dlexrule.bench.db.url=jdbc:postgresql://127.0.0.1:5432/t_insight \
 *     [-Dlexrule.bench.decisions=300000]
 * </pre>
 */
@QuarkusTest
@TestProfile(CoverageBench.Profile.class)
class CoverageBench {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", System.getProperty("lexrule.bench.db.url",
                    "jdbc:postgresql://127.0.0.1:5432/t_insight"));
            config.put("quarkus.flyway.clean-at-start", "false");
            config.put("lexrule.audit.checkpoint-dir", "target/coverage-bench/checkpoints");
            return config;
        }
    }

    @Inject
    com.lexrule.policy.PolicyRegistry policies;

    @Inject
    DecisionRecorder recorder;
    @Inject
    EntityManager em;

    record Sample(Map<String, Object> request, Map<String, Object> answer, String crimeType) {
    }

    @Test
    void fillAndTime() throws Exception {
        long target = Long.getLong("lexrule.bench.decisions", 300_000);
        List<Sample> samples = samples();
        long have = count("SELECT COUNT(*) FROM decision_record");
        double rate = fill(samples, have, target);
        long decisions = count("SELECT COUNT(*) FROM decision_record");
        long rollupRows = count("SELECT COUNT(*) FROM rule_coverage");

        List<String> table = new ArrayList<>();
        table.add("| operation | at " + decisions + " decisions (" + rollupRows + " rollup rows) |");
        table.add("|---|---|");
        table.add(String.format("| recording through DecisionRecorder with the coverage rollup, 48 threads | %.0f decisions/s |", rate));
        for (int run = 1; run <= 3; run++) {
            long t = System.nanoTime();
            JsonPath coverage = as("auditor").queryParam("from", "2000-01-01")
                    .get("/api/v1/policies/arrest/versions/1/coverage").then().statusCode(200).extract().jsonPath();
            table.add(row("coverage of arrest v1, whole trail (" + coverage.getLong("decisions") + " decisions, "
                    + coverage.getList("rules").size() + " rules, " + coverage.getList("neverFired").size() + " never fired), run " + run, t));
            assertThat(coverage.getLong("decisions")).isPositive();
        }
        long t = System.nanoTime();
        as("auditor").queryParam("from", "2000-01-01").get("/api/v1/policies/arrest/versions/1/coverage.xlsx").then().statusCode(200);
        table.add(row("coverage workbook (.xlsx) of arrest v1, whole trail", t));
        t = System.nanoTime();
        long scanned = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM decision_record WHERE family = 'arrest' AND response_json LIKE '%ARR-SCORE-FLIGHT_HISTORY%'")
                .getSingleResult()).longValue());
        table.add(row("for comparison: one rule's count by scanning the answers' JSON (" + scanned + ")", t));
        System.out.println("CoverageBench results:");
        table.forEach(System.out::println);
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    private List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String crime : AuditScaleBench.CRIMES) {
            for (String[] indicators : AuditScaleBench.INDICATORS) {
                Map<String, Object> request = new HashMap<>();
                request.put("caseId", "COVBENCH-SAMPLE");
                request.put("subjectId", "S-1");
                request.put("stage", "ARREST_REVIEW");
                request.put("crimeType", crime);
                request.put("evidenceOfCrime", true);
                request.put("expectedSentence", "UP_TO_3_YEARS");
                request.put("age", 30);
                request.put("dangerIndicators", List.of(indicators));
                request.put("mitigations", List.of());
                request.put("specialCircumstances", List.of());
                Map<String, Object> answer = as("case-system").body(request).contentType("application/json")
                        .post("/api/v1/assessments/arrest").then().statusCode(200).extract().jsonPath().getMap("$");
                samples.add(new Sample(request, answer, crime));
            }
        }
        return samples;
    }

    /** Records decisions {@code from} to {@code to} over the last 365 days from 48 threads; returns decisions/s. */
    private double fill(List<Sample> samples, long from, long to) throws Exception {
        if (to <= from) return 0;
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(365));
        long span = Duration.between(start, end).toNanos();
        AtomicLong nextIndex = new AtomicLong(from);
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<Future<?>> running = new ArrayList<>();
        for (int thread = 0; thread < 48; thread++) {
            running.add(pool.submit(() -> {
                for (long i = nextIndex.getAndIncrement(); i < to; i = nextIndex.getAndIncrement()) {
                    Sample sample = samples.get((int) (i % samples.size()));
                    String id = UUID.randomUUID().toString();
                    String caseId = "COVBENCH-" + (i / 3);
                    Instant at = start.plusNanos((long) (span * ((double) i / to)));
                    Map<String, Object> request = new HashMap<>(sample.request());
                    request.put("caseId", caseId);
                    Map<String, Object> answer = new HashMap<>(sample.answer());
                    answer.put("decisionId", id);
                    answer.put("caseId", caseId);
                    answer.put("decidedAt", at.toString());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> policy = (Map<String, Object>) answer.get("policy");
                    String recommendation = (String) answer.get("recommendedMeasure");
                    String color = (String) answer.get("color");
                    recorder.record(new DecisionRecorder.Entry(id, "arrest", caseId, "S-" + i, "ARREST_REVIEW",
                            ((Number) policy.get("version")).intValue(), (String) policy.get("sha256"),
                            answer.get("legalCategory") + "/" + color + "/" + recommendation, recommendation, color,
                            sample.crimeType(), request, answer, "case-system", at, "arrest", policies.current("arrest").bundle().manifest()));
                }
                return null;
            }));
        }
        for (Future<?> f : running) f.get();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("CoverageBench: recorded %d decisions in %.1f s%n", to - from, seconds);
        return (to - from) / seconds;
    }

    private static String row(String what, long startedNanos) {
        return String.format("| %s | %.3f s |", what, (System.nanoTime() - startedNanos) / 1e9);
    }
}
