package com.lexrule.audit;

import static com.lexrule.support.PackagedService.arrestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.PackagedService;

/**
 * Two replicas of the packaged service on one database write the same chains at once (the same cases, hence the
 * same chain partitions): every decision either answered is stored, and every chain verifies from its first record,
 * as each replica reads it. With -Ppostgres both run on the suite's PostgreSQL database; otherwise on one H2 file
 * that the first serves to the second (AUTO_SERVER).
 */
class TwoReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CLIENTS_PER_REPLICA = 4;
    static final int DECISIONS_PER_CLIENT = 60;
    static final int CASES = 4;

    @Test
    void twoReplicasWritingTheSameChainsLeaveEveryChainWholeAndEveryAnsweredDecisionStored() throws Exception {
        PackagedService.Database database = PackagedService.Database.ofSuite();
        assertThat(database.app()).as("the package built for the integration tests").exists();
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("two-replicas").toAbsolutePath();
        PackagedService.deleteTree(work);
        // One working directory: both replicas read the same audit keys, as pods mounting one Secret do.
        List<String> first = new ArrayList<>(database.arguments(work, true));
        if (database.postgres()) {
            first.addAll(List.of("-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false"));
        }
        try (PackagedService a = PackagedService.start(database.app(), work, "replica-a", first).awaitReady();
             PackagedService b = PackagedService.start(database.app(), work, "replica-b", database.arguments(work, true))
                     .awaitReady()) {
            Set<String> answered = ConcurrentHashMap.newKeySet();
            List<String> failures = new CopyOnWriteArrayList<>();
            ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_REPLICA);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (PackagedService replica : List.of(a, b)) {
                for (int c = 0; c < CLIENTS_PER_REPLICA; c++) {
                    running.add(clients.submit(() -> {
                        start.await();
                        for (int i = 0; i < DECISIONS_PER_CLIENT; i++) {
                            HttpResponse<String> r = replica.post("case-system", "/api/v1/assessments/arrest",
                                    arrestCase("REPLICAS-" + (i % CASES)));
                            if (r.statusCode() == 200) answered.add(JSON.readTree(r.body()).path("decisionId").asText());
                            else failures.add(r.statusCode() + " " + r.body());
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> client : running) client.get(10, TimeUnit.MINUTES);
            clients.shutdown();
            assertThat(failures).as("requests not answered 200").isEmpty();
            int total = 2 * CLIENTS_PER_REPLICA * DECISIONS_PER_CLIENT;
            assertThat(answered).hasSize(total);

            List<String> lost = new ArrayList<>();
            int i = 0;
            for (String id : answered) {
                PackagedService reader = i++ % 2 == 0 ? a : b;
                if (reader.get("auditor", "/api/v1/decisions/" + id).statusCode() != 200) lost.add(id);
            }
            assertThat(lost).as("answered decisions missing from the audit").isEmpty();
            for (PackagedService replica : List.of(a, b)) {
                JsonNode verification = JSON.readTree(replica.get("auditor", "/api/v1/audit/verification?full=true").body());
                assertThat(verification.path("intact").asBoolean()).as(verification.toPrettyString()).isTrue();
                assertThat(verification.path("recordsChecked").asLong()).isGreaterThanOrEqualTo(total);
            }
            double conflicts = a.metric("lexrule_audit_batch_head_conflicts_total") + b.metric("lexrule_audit_batch_head_conflicts_total");
            System.out.printf("TwoReplicasIT (%s): %d decisions through two replicas on %d cases; %.0f batches re-linked after "
                    + "the other replica moved the head; batches: %.0f and %.0f%n", database.postgres() ? "PostgreSQL" : "H2",
                    total, CASES, conflicts, a.metric("lexrule_audit_batch_size_count"), b.metric("lexrule_audit_batch_size_count"));
            assertThat(conflicts).as("the replicas contended for the same heads (else this test shows nothing)").isPositive();
        }
    }
}
