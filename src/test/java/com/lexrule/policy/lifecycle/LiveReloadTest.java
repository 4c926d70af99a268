package com.lexrule.policy.lifecycle;

import static com.lexrule.support.Lifecycle.approve;
import static com.lexrule.support.Lifecycle.draftChangingPoints;
import static com.lexrule.support.Lifecycle.today;
import static com.lexrule.support.Lifecycle.versionInForce;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyStore;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A new version goes live while case systems keep asking: no request fails during the swap, a request in flight
 * finishes on the version it started with, and every answer after the swap comes from the new version — whether this
 * replica approved it or another replica published it (found by polling the database).
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class LiveReloadTest {

    private static final Logger LOG = Logger.getLogger(LiveReloadTest.class);
    private static final Pattern VERSION = Pattern.compile("\"policy\":\\{\"family\":\"arrest\",\"version\":(\\d+)");
    private static final int THREADS = 4;

    @Inject
    PolicyStore store;

    @Inject
    ObjectMapper json;

    /** What one load thread saw, in order: HTTP status and the version that answered. */
    record Seen(int thread, long at, int status, int version) {
    }

    class Load implements AutoCloseable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        final List<Future<?>> loops = new ArrayList<>();

        Load() throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String body = json.writeValueAsString(ApprovalTest.CASE);
            String auth = "Basic " + Base64.getEncoder().encodeToString("case-system:case-system".getBytes(StandardCharsets.UTF_8));
            URI uri = URI.create("http://localhost:" + RestAssured.port + ArrestRulesTest.PATH);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                loops.add(pool.submit(() -> {
                    while (running.get()) {
                        int status;
                        int version = -1;
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                            status = r.statusCode();
                            Matcher m = VERSION.matcher(r.body());
                            if (m.find()) version = Integer.parseInt(m.group(1));
                        } catch (Exception e) {
                            status = -1;
                        }
                        seen.add(new Seen(thread, System.nanoTime(), status, version));
                    }
                    return null;
                }));
            }
        }

        /** Waits until every thread has answered from {@code version} at least once more, or fails after the timeout. */
        long awaitVersion(int version, Duration timeout) throws InterruptedException {
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                long newest = seen.stream().filter(s -> s.version() == version).count();
                if (newest >= THREADS * 5L) {
                    return seen.stream().filter(s -> s.version() == version).mapToLong(Seen::at).min().orElseThrow();
                }
                Thread.sleep(50);
            }
            throw new AssertionError("version " + version + " did not answer within " + timeout);
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            for (Future<?> loop : loops) loop.get();
            pool.shutdown();
        }

        void assertNoFailureAndNoGoingBack(int oldVersion, int newVersion) {
            List<Seen> all = new ArrayList<>(seen);
            assertThat(all).as("requests during the swap").hasSizeGreaterThan(THREADS * 10);
            assertThat(all).as("failed requests").allMatch(s -> s.status() == 200);
            assertThat(all.stream().map(Seen::version).distinct()).containsExactlyInAnyOrder(oldVersion, newVersion);
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                List<Integer> versions = all.stream().filter(s -> s.thread() == thread).map(Seen::version).toList();
                int firstNew = versions.indexOf(newVersion);
                assertThat(firstNew).as("thread " + thread + " saw the new version").isGreaterThanOrEqualTo(0);
                assertThat(versions.subList(firstNew, versions.size())).as("no answer from the old version after the new one")
                        .containsOnly(newVersion);
            }
        }
    }

    @Test
    void aVersionApprovedWhileCaseSystemsAreAskingGoesLiveWithoutAFailedRequest() throws Exception {
        int old = versionInForce();
        int published;
        try (Load load = new Load()) {
            Thread.sleep(500);
            long id = draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 4);
            long approvedAt = System.nanoTime();
            published = approve("approver", id, "负载下发布").statusCode(201).extract().path("policy.version");
            long live = load.awaitVersion(published, Duration.ofSeconds(20));
            LOG.infof("approved v%d answered %d ms after the approval call began", published, (live - approvedAt) / 1_000_000);
            Thread.sleep(300);
            load.close();
            load.assertNoFailureAndNoGoingBack(old, published);
        }
    }

    @Test
    void aVersionAnotherReplicaPublishedIsFoundByPollingAndServedWithoutAFailedRequest() throws Exception {
        int old = versionInForce();
        // What another replica's approval leaves in the shared database: a new version row and its files.
        PolicyBundle current = store.bundle(Lifecycle.FAMILY, old);
        var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(current.file(PolicyFile.MANIFEST).orElseThrow().content());
        manifest.put("effectiveFrom", today().toString());
        manifest.put("changeNote", "另一副本发布 " + System.nanoTime());
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : current.files()) {
            files.add(f.name().equals(PolicyFile.MANIFEST) ? new PolicyFile(f.name(), json.writeValueAsBytes(manifest)) : f);
        }
        try (Load load = new Load()) {
            Thread.sleep(500);
            long publishedAt = System.nanoTime();
            PolicyVersion version = store.publish(new PolicyBundle(Lifecycle.FAMILY, files), "replica-b");
            long live = load.awaitVersion(version.version(), Duration.ofSeconds(30));
            LOG.infof("v%d published by another replica answered here %d ms later (poll interval 1 s, compile included)",
                    version.version(), (live - publishedAt) / 1_000_000);
            Thread.sleep(300);
            load.close();
            load.assertNoFailureAndNoGoingBack(old, version.version());
        }
    }
}
