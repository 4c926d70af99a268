package com.lexrule.storage;

import static com.lexrule.support.PackagedService.arrestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.PackagedService;

/**
 * {@link EmbeddedCrashIT} on PostgreSQL (with -Ppostgres): the packaged service, its audit group-committed, is killed
 * with {@code kill -9} under eight clients; after a restart on the same database every decision it answered 200 is
 * in the audit and every chain verifies from its first record. What a batch had not committed when the process died
 * was never answered, and PostgreSQL rolls it back.
 */
class PostgresCrashIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CLIENTS = 8;

    @Test
    void noAcknowledgedDecisionIsLostWhenTheServiceOnPostgresqlIsKilled() throws Exception {
        PackagedService.Database database = PackagedService.Database.ofSuite();
        Assumptions.assumeTrue(database.postgres(), "runs with -Ppostgres, on the suite's PostgreSQL database");
        assertThat(database.app()).as("the package built for PostgreSQL for the integration tests").exists();
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("postgres-crash").toAbsolutePath();
        PackagedService.deleteTree(work);
        List<String> clean = new ArrayList<>(database.arguments(work, false));
        clean.addAll(List.of("-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false"));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        PackagedService first = PackagedService.start(database.app(), work, "first", clean).awaitReady();
        try {
            AtomicBoolean running = new AtomicBoolean(true);
            List<String> failures = new CopyOnWriteArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        try {
                            var r = first.post("case-system", "/api/v1/assessments/arrest", arrestCase("PG-CRASH-" + client + "-" + n++));
                            if (r.statusCode() == 200) acknowledged.add(JSON.readTree(r.body()).path("decisionId").asText());
                            else if (running.get() && first.alive()) failures.add(r.statusCode() + " " + r.body());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (Exception e) {
                            // killed mid-request: never acknowledged
                            if (!running.get() || !first.alive()) return;
                            failures.add(e.toString());
                        }
                    }
                });
            }
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (acknowledged.size() < 600 && System.nanoTime() < until) Thread.sleep(50);
            assertThat(failures).as("requests that failed before the kill").isEmpty();
            first.kill(); // SIGKILL while the clients are still sending
            running.set(false);
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
        } finally {
            first.kill();
        }
        assertThat(acknowledged).as("decisions acknowledged before the kill").hasSizeGreaterThan(20);
        System.out.println("PostgresCrashIT: " + acknowledged.size() + " decisions acknowledged before kill -9");

        try (PackagedService second = PackagedService.start(database.app(), work, "second", database.arguments(work, false))
                .awaitReady()) {
            List<String> lost = new ArrayList<>();
            for (String id : acknowledged) {
                if (second.get("auditor", "/api/v1/decisions/" + id).statusCode() != 200) lost.add(id);
            }
            assertThat(lost).as("acknowledged decisions lost by kill -9 (of " + acknowledged.size() + ")").isEmpty();
            JsonNode verification = JSON.readTree(second.get("auditor", "/api/v1/audit/verification?full=true").body());
            assertThat(verification.path("intact").asBoolean()).as(verification.toPrettyString()).isTrue();
            assertThat(verification.path("recordsChecked").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
            // ... and the restarted writers extend the chains after what the killed ones committed.
            assertThat(second.post("case-system", "/api/v1/assessments/arrest", arrestCase("PG-CRASH-AFTER")).statusCode()).isEqualTo(200);
            JsonNode after = JSON.readTree(second.get("auditor", "/api/v1/audit/verification?full=true").body());
            assertThat(after.path("intact").asBoolean()).as(after.toPrettyString()).isTrue();
        }
    }
}
