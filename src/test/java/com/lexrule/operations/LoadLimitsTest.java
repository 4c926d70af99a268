package com.lexrule.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.lexrule.assessment.EvaluationPool;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Load on 127.0.0.1 never takes the service down (docs/operations.md, "Load limits"). The evaluation pool is made
 * tiny here (one thread, one place in the queue, a 2 s timeout) so that overload is reached by a test's burst: a
 * request that finds the queue full is answered 503 with Retry-After at once, one that waits past the timeout 503 too,
 * never a hang, and neither decides or records anything. A flood of invalid requests is answered 4xx, every one;
 * afterwards health and a normal assessment answer. A connection that trickles nothing is closed.
 */
@QuarkusTest
@TestProfile(LoadLimitsTest.TinyPool.class)
class LoadLimitsTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.evaluation.threads", "1", "lexrule.evaluation.queue-size", "1",
                    "lexrule.evaluation.timeout", "2s", "quarkus.http.idle-timeout", "3s");
        }
    }

    private static final String CASE_SYSTEM = "Basic " + Base64.getEncoder().encodeToString("case-system:case-system".getBytes(StandardCharsets.UTF_8));

    @TestHTTPResource("/")
    URL base;

    @Inject
    EvaluationPool pool;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static String arrest(String caseId) {
        return "{\"caseId\":\"" + caseId + "\",\"subjectId\":\"S1\",\"stage\":\"ARREST_REVIEW\",\"crimeType\":\"THEFT\","
                + "\"evidenceOfCrime\":true,\"expectedSentence\":\"UP_TO_3_YEARS\",\"priorIntentionalCrime\":false,"
                + "\"identityUnknown\":false,\"age\":30,\"dangerIndicators\":[\"REPEATED_OR_ROAMING_OFFENDING\"],"
                + "\"mitigations\":[\"FIRST_OFFENCE\"],\"violatedBailConditions\":false}";
    }

    private HttpResponse<String> post(String path, String body, String contentType, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.toURI().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> assess(String caseId) throws Exception {
        return post("api/v1/assessments/arrest", arrest(caseId), "application/json", CASE_SYSTEM);
    }

    private void stillServing(String caseId) throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(assess(caseId).statusCode()).as("a normal assessment afterwards").isEqualTo(200);
    }

    private static void assertUnavailableProblem(HttpResponse<String> response, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).as("Retry-After").hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(response.body()).contains("/" + type + "\"");
    }

    @Test
    void aFullQueueIsAnsweredAtOnceAndAWaitPastTheTimeoutTooNeitherDecidesAnything() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            // the pool's one thread is busy with a long evaluation, one that outlasts its own timeout (the cancel's
            // interrupt does not end it: as rules that do not check for interrupts, it runs until released)
            callers.submit(() -> pool.evaluate(() -> {
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // cancelled by the timeout: keep the thread busy all the same
                    }
                }
                return null;
            }));
            awaitTrue(() -> pool.active() == 1);
            // the next request takes the one place in the queue and waits
            Future<HttpResponse<String>> waiting = callers.submit(() -> assess("LOAD-WAIT"));
            awaitTrue(() -> pool.queued() == 1);
            // the one after finds the queue full: refused at once
            long started = System.nanoTime();
            HttpResponse<String> refused = assess("LOAD-FULL");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertUnavailableProblem(refused, "overloaded");
            // the waiting one gets its 503 when the timeout passes, not a hang
            HttpResponse<String> timedOut = waiting.get(10, TimeUnit.SECONDS);
            assertUnavailableProblem(timedOut, "evaluation-timeout");
        } finally {
            release.countDown();
            callers.shutdownNow();
        }
        awaitTrue(() -> pool.active() == 0 && pool.queued() == 0);
        stillServing("LOAD-AFTER-1");
        for (String caseId : List.of("LOAD-WAIT", "LOAD-FULL")) {
            given().auth().preemptive().basic("auditor", "auditor").queryParam("caseId", caseId).get("/api/v1/decisions")
                    .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        }
    }

    @Test
    void aBurstOfValidRequestsIsAnsweredDecidedOrRefusedWithRetryAfterNeverHung() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            String caseId = "BURST-" + i;
            calls.add(clients.submit(() -> {
                HttpResponse<String> response = assess(caseId);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() != 200) assertUnavailableProblem(response, response.body().contains("/overloaded\"") ? "overloaded" : "evaluation-timeout");
                return null;
            }));
        }
        for (Future<?> call : calls) call.get(60, TimeUnit.SECONDS);
        clients.shutdown();
        assertThat(statuses.keySet()).as("statuses " + statuses).isSubsetOf(200, 503);
        assertThat(statuses.get(200)).as("decided " + statuses).isNotNull();
        stillServing("BURST-AFTER");
    }

    @Test
    void aFloodOfInvalidRequestsIsAnsweredEveryOneAndTheServiceServesOn() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        List<String[]> invalid = List.of(
                new String[] {"api/v1/assessments/arrest", "{\"caseId\":", "application/json", CASE_SYSTEM},
                new String[] {"api/v1/assessments/arrest", arrest("FLOOD").replace("\"age\":30", "\"age\":\"thirty\""), "application/json", CASE_SYSTEM},
                new String[] {"api/v1/assessments/arrest", arrest("FLOOD").replace("}", ",\"victimUnreachable\":true}"), "application/json", CASE_SYSTEM},
                new String[] {"api/v1/assessments/arrest", deep, "application/json", CASE_SYSTEM},
                new String[] {"api/v1/assessments/arrest", arrest("FLOOD"), "text/plain", CASE_SYSTEM},
                new String[] {"api/v1/assessments/arrest", arrest("FLOOD"), "application/json", null},
                new String[] {"api/v1/assessments/nothing-here", "{}", "application/json", CASE_SYSTEM},
                new String[] {"api/v1/assessments/arrest?policyVersion=notanumber", arrest("FLOOD"), "application/json", CASE_SYSTEM});
        ExecutorService clients = Executors.newFixedThreadPool(16);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            String[] request = invalid.get(i % invalid.size());
            calls.add(clients.submit(() -> {
                HttpResponse<String> response = post(request[0], request[1], request[2], request[3]);
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> call : calls) call.get(120, TimeUnit.SECONDS);
        clients.shutdown();
        assertThat(statuses.keySet()).as("statuses " + statuses).allMatch(s -> s >= 400 && s < 500);
        stillServing("FLOOD-AFTER");
        given().auth().preemptive().basic("auditor", "auditor").queryParam("caseId", "FLOOD").get("/api/v1/decisions")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aConnectionThatSendsNothingMoreIsClosedAfterTheIdleTimeout() throws Exception {
        URI uri = base.toURI();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/assessments/arrest HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // whatever the server says before it closes (a 408 or nothing)
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("closed by the server").isLessThan(Duration.ofSeconds(20));
        }
        stillServing("IDLE-AFTER");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within 10 s").isLessThan(until);
            Thread.sleep(10);
        }
    }
}
