package com.lexrule.bench;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
import com.lexrule.policy.lifecycle.DraftStore;
import com.lexrule.review.AccountabilityService;
import com.lexrule.review.OfficerDecisionRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Fills a database to {@code lexrule.bench.decisions} decisions (default 1,000,000) through the real recording code
 * (DecisionRecorder: the JSON, the hash, the HMAC, the group-committed chains and the agreement rollup), spread
 * over the last year, with an officer's decision on one in {@code lexrule.bench.officer-every} (default 50), and then
 * times each operation that used to grow with the audit, over HTTP as an auditor calls it. A database already
 * filled is topped up, not refilled. Nothing in it is cleaned.
 *
 * <pre>
 * createdb -h 127.0.0.1 -U postgres t_audit_big
 * mvn -B test -Ppostgres -Dtest=AuditScaleBench -Dlexrule.bench.db.url=jdbc:postgresql://127.0.0.1:5432/t_audit_big \
 *     [-Dlexrule.bench.decisions=1000000]
 * </pre>
 * The table it prints is the one in docs/benchmarks.md.
 */
@QuarkusTest
@TestProfile(AuditScaleBench.Profile.class)
class AuditScaleBench {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", System.getProperty("lexrule.bench.db.url",
                    "jdbc:postgresql://127.0.0.1:5432/t_audit_big"));
            config.put("quarkus.flyway.clean-at-start", "false");
            config.put("lexrule.audit.checkpoint-dir", "target/audit-scale-bench/checkpoints");
            config.put("quarkus.transaction-manager.default-transaction-timeout", "600s");
            return config;
        }
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String[] CRIMES = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "ROBBERY", "PICKING_QUARRELS", "DANGEROUS_DRIVING"};
    static final String[][] INDICATORS = {{"FLIGHT_HISTORY"}, {"NO_FIXED_RESIDENCE"}, {"THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY"}, {}};

    @Inject
    com.lexrule.policy.PolicyRegistry policies;

    @Inject
    DecisionRecorder recorder;
    @Inject
    AccountabilityService accountability;
    @Inject
    DraftStore drafts;
    @Inject
    EntityManager em;

    /** A real request and the answer the service gave it, to record again under other ids and times. */
    record Sample(Map<String, Object> request, Map<String, Object> answer, String crimeType) {
    }

    @Test
    void fillAndTime() throws Exception {
        long target = Long.getLong("lexrule.bench.decisions", 1_000_000);
        int officerEvery = Integer.getInteger("lexrule.bench.officer-every", 50);
        List<Sample> samples = samples();
        long have = count();
        System.out.printf("AuditScaleBench: %d decisions stored, filling to %d%n", have, target);
        fill(samples, have, target, officerEvery);
        long decisions = count();

        List<String> table = new ArrayList<>();
        table.add("| operation | at " + decisions + " decisions |");
        table.add("|---|---|");
        // Verification from a checkpoint: write one, add 10,000 decisions, verify.
        as("auditor").post("/api/v1/audit/checkpoints").then().statusCode(201);
        fill(samples, decisions, decisions + 10_000, officerEvery);
        decisions = count();
        // A bulk fill outruns autovacuum: without fresh statistics the planner takes the fill's early row counts
        // (the back-test read sorted 1M rows on disk, 3.2 s, instead of an index scan, 13 ms), as it would after
        // any bulk load an operator did not ANALYZE.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("ANALYZE decision_record").executeUpdate());
        long t = System.nanoTime();
        JsonPath fast = as("auditor").get("/api/v1/audit/verification").then().statusCode(200).extract().jsonPath();
        table.add(row("audit verification from the newest checkpoint (" + fast.getLong("recordsChecked") + " records checked)", t));
        assertThat(fast.getBoolean("intact")).as(fast.prettify()).isTrue();

        String today = LocalDate.now(ZONE).toString();
        String day = LocalDate.now(ZONE).minusDays(100).toString();
        t = System.nanoTime();
        JsonPath page = as("auditor").queryParam("family", "arrest").queryParam("from", day).queryParam("to", day)
                .get("/api/v1/decisions").then().statusCode(200).extract().jsonPath();
        table.add(row("search, family + day, page 1", t));
        String next = page.getString("next");
        for (int i = 0; i < 20 && next != null; i++) {
            next = as("auditor").queryParam("family", "arrest").queryParam("from", day).queryParam("to", day)
                    .queryParam("after", next).get("/api/v1/decisions").then().statusCode(200).extract().path("next");
        }
        t = System.nanoTime();
        as("auditor").queryParam("family", "arrest").queryParam("from", day).queryParam("to", day).queryParam("after", next)
                .get("/api/v1/decisions").then().statusCode(200);
        table.add(row("search, family + day, page 22 (by cursor)", t));
        t = System.nanoTime();
        as("auditor").queryParam("family", "arrest").get("/api/v1/decisions").then().statusCode(200);
        table.add(row("search, family, whole trail, page 1", t));

        t = System.nanoTime();
        JsonPath agreement = as("auditor").queryParam("family", "arrest").get("/api/v1/statistics/agreement").then()
                .statusCode(200).extract().jsonPath();
        table.add(row("agreement statistics, arrest, last year (" + agreement.getLong("assessments") + " assessments, "
                + agreement.getLong("decided") + " decided)", t));

        t = System.nanoTime();
        int replayed = QuarkusTransaction.requiringNew().call(() -> drafts.recentRequests("arrest", 10_000).size());
        table.add(row("back-test read: the " + replayed + " most recent arrest requests", t));

        table.add(export("CSV export of one day", day, day));
        table.add(export("CSV export of 30 days", LocalDate.now(ZONE).minusDays(60).toString(),
                LocalDate.now(ZONE).minusDays(31).toString()));
        if (Boolean.getBoolean("lexrule.bench.export-all")) {
            table.add(export("CSV export of the whole trail", null, null));
        }

        if (!Boolean.getBoolean("lexrule.bench.skip-full")) {
            t = System.nanoTime();
            String last = fullVerification();
            table.add(row("full re-verification, streamed with progress (" + last + ")", t));
        }
        System.out.println("AuditScaleBench results (today " + today + "):");
        table.forEach(System.out::println);
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM decision_record")
                .getSingleResult()).longValue());
    }

    private List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String crime : CRIMES) {
            for (String[] indicators : INDICATORS) {
                Map<String, Object> request = new HashMap<>();
                request.put("caseId", "BENCH-SAMPLE");
                request.put("subjectId", "S-1");
                request.put("stage", "ARREST_REVIEW");
                request.put("crimeType", crime);
                request.put("evidenceOfCrime", true);
                request.put("expectedSentence", "UP_TO_3_YEARS");
                request.put("age", 30);
                request.put("dangerIndicators", List.of(indicators));
                request.put("mitigations", List.of());
                request.put("specialCircumstances", List.of());
                Map<String, Object> answer = as("case-system").body(request).post("/api/v1/assessments/arrest").then()
                        .statusCode(200).extract().jsonPath().getMap("$");
                samples.add(new Sample(request, answer, crime));
            }
        }
        return samples;
    }

    /** Records decisions number {@code from} to {@code to}, spread over the last 365 days, from 48 threads. */
    private void fill(List<Sample> samples, long from, long to, int officerEvery) throws Exception {
        if (to <= from) return;
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(365));
        long span = Duration.between(start, end).toNanos();
        long total = Math.max(to, 1);
        AtomicLong nextIndex = new AtomicLong(from);
        AtomicLong done = new AtomicLong();
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<Future<?>> running = new ArrayList<>();
        for (int thread = 0; thread < 48; thread++) {
            running.add(pool.submit(() -> {
                for (long i = nextIndex.getAndIncrement(); i < to; i = nextIndex.getAndIncrement()) {
                    Sample sample = samples.get((int) (i % samples.size()));
                    String id = UUID.randomUUID().toString();
                    String caseId = "BENCH-" + (i / 3);
                    Instant at = start.plusNanos((long) (span * ((double) i / total)));
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
                    if (officerEvery > 0 && i % officerEvery == 0) {
                        boolean agrees = i % (officerEvery * 10L) != 0;
                        String taken = agrees ? recommendation : ("ARREST".equals(recommendation) ? "BAIL" : "ARREST");
                        accountability.recordOfficerDecision(id, new OfficerDecisionRequest(taken, "P-" + (i % 97),
                                agrees ? null : "案情变化 " + (i % 7)), "officer");
                    }
                    long n = done.incrementAndGet();
                    if (n % 50_000 == 0) {
                        System.out.printf("AuditScaleBench: %d recorded, %.0f/s%n", from + n,
                                n / ((System.nanoTime() - began) / 1e9));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) f.get();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.printf("AuditScaleBench: recorded %d decisions in %.1f s%n", to - from, (System.nanoTime() - began) / 1e9);
    }

    /** Times an export and samples the heap in use meanwhile; returns its row of the table. */
    private String export(String what, String from, String to) throws Exception {
        System.gc();
        long heapBefore = heapUsed();
        long[] peak = {heapBefore};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], heapUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long t = System.nanoTime();
        // java.net.http, read as it arrives: REST Assured's asInputStream() holds the whole body in memory first,
        // which measured the client's buffering (and its heap) rather than the service's stream.
        String query = from == null ? "" : "?from=" + from + "&to=" + to;
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/api/v1/decisions/export" + query))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        java.net.http.HttpResponse<InputStream> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long rows = 0;
        long bytes = 0;
        try (InputStream body = response.body();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                rows++;
                bytes += line.length();
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        sampler.interrupt();
        sampler.join();
        return String.format("| %s: %d rows, %.0f rows/s, heap in use %d MB before, peak %d MB (this JVM, client included) | %.2f s |",
                what, rows - 1, (rows - 1) / seconds, heapBefore >> 20, peak[0] >> 20, seconds);
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) used += pool.getUsage().getUsed();
        }
        return used;
    }

    private String fullVerification() throws Exception {
        String last = "";
        try (InputStream body = as("auditor").queryParam("full", true).get("/api/v1/audit/verification/progress").then()
                .statusCode(200).extract().asInputStream();
             BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            int progressLines = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("{\"progress\"")) progressLines++;
                else last = line;
            }
            JsonPath outcome = new JsonPath(last);
            assertThat(outcome.getBoolean("verification.intact")).as(last).isTrue();
            return outcome.getLong("verification.recordsChecked") + " records, " + progressLines + " progress lines";
        }
    }

    private static String row(String what, long startedNanos) {
        return String.format("| %s | %.3f s |", what, (System.nanoTime() - startedNanos) / 1e9);
    }
}
