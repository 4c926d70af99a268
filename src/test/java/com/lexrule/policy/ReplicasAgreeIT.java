package com.lexrule.policy;

import static com.lexrule.support.PackagedService.arrestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.Lifecycle;
import com.lexrule.support.PackagedService;

import io.restassured.RestAssured;

/**
 * Two packaged replicas on one PostgreSQL database, both under load, and an officer's draft approved on the first: the
 * second, told of the draft through LISTEN/NOTIFY when it was validated, has compiled it ahead, off the request path;
 * told of the publication the same way, it switches to the new version at once. Every
 * request is answered 200 throughout (none fails during the switch), every request the second replica starts a
 * second after the publication is answered under the new version, and the audit chains both replicas wrote verify.
 * The poll is set to a minute here, so that only the notification can explain a switch within the second.
 */
class ReplicasAgreeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CLIENTS_PER_REPLICA = 3;
    static final long TARGET_MILLIS = 1_000;

    /** One answered request: which replica, when it was sent and answered (ms since the publication), the version. */
    record Answer(String replica, long sentAt, long answeredAt, int version) {
    }

    @Test
    void aVersionPublishedOnOneReplicaIsServedByTheOtherWithinASecondAndNoRequestFails() throws Exception {
        PackagedService.Database database = PackagedService.Database.ofSuite();
        Assumptions.assumeTrue(database.postgres(), "LISTEN/NOTIFY is PostgreSQL's; runs with -Ppostgres");
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("replicas-agree").toAbsolutePath();
        PackagedService.deleteTree(work);
        List<String> common = new ArrayList<>(database.arguments(work, true));
        common.add("-Dlexrule.policy.poll-interval=60s");
        List<String> first = new ArrayList<>(common);
        first.addAll(List.of("-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false"));
        try (PackagedService a = PackagedService.start(database.app(), work, "replica-a", first).awaitReady();
             PackagedService b = PackagedService.start(database.app(), work, "replica-b", common).awaitReady()) {
            int before = version(a.post("case-system", "/api/v1/assessments/arrest", arrestCase("AGREE-0")));
            assertThat(version(b.post("case-system", "/api/v1/assessments/arrest", arrestCase("AGREE-0")))).isEqualTo(before);

            // An officer's draft on replica a, which replica b compiles ahead and warms as soon as it is announced, as it would
            // in the hours an approver takes to read it.
            RestAssured.baseURI = "http://127.0.0.1";
            RestAssured.port = a.port();
            long draft = Lifecycle.draftChangingPoints("officer", "DRUG_OR_GAMBLING_HABIT", 4);
            long until = System.nanoTime() + 300_000_000_000L;
            while (!Files.readString(b.log()).contains("the draft of arrest warmed by its scenarios")) {
                assertThat(System.nanoTime()).as("replica b compiles the draft ahead and warms it").isLessThan(until);
                Thread.sleep(200);
            }

            AtomicBoolean running = new AtomicBoolean(true);
            List<String> failures = new CopyOnWriteArrayList<>();
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            long[] published = {Long.MAX_VALUE};
            AtomicInteger sent = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_REPLICA);
            for (PackagedService replica : List.of(a, b)) {
                String name = replica == a ? "a" : "b";
                for (int c = 0; c < CLIENTS_PER_REPLICA; c++) {
                    clients.submit(() -> {
                        while (running.get()) {
                            long sentAt = System.nanoTime();
                            try {
                                HttpResponse<String> r = replica.post("case-system", "/api/v1/assessments/arrest",
                                        arrestCase("AGREE-" + sent.incrementAndGet() % 64));
                                long answeredAt = System.nanoTime();
                                if (r.statusCode() != 200) {
                                    failures.add(name + ": " + r.statusCode() + " " + r.body());
                                    continue;
                                }
                                answers.add(new Answer(name, sentAt, answeredAt, version(r)));
                            } catch (Exception e) {
                                failures.add(name + ": " + e);
                            }
                        }
                        return null;
                    });
                }
            }
            Thread.sleep(3_000); // both replicas under load before the switch
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            HttpResponse<String> approved = a.post("approver", "/api/v1/policies/arrest/drafts/" + draft + "/approve",
                    "{\"effectiveFrom\":\"" + today + "\",\"changeNote\":\"replicas agree within a second\"}");
            published[0] = System.nanoTime();
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);
            int after = JSON.readTree(approved.body()).path("policy").path("version").asInt();
            assertThat(after).isGreaterThan(before);
            Thread.sleep(4_000); // the switch, under load
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(failures).as("requests that failed around the switch").isEmpty();
            long t0 = published[0];
            for (String replica : List.of("a", "b")) {
                List<Answer> mine = answers.stream().filter(x -> x.replica().equals(replica)).toList();
                // The latest request sent that was still answered under the old version: the switch is no later.
                long lastOld = mine.stream().filter(x -> x.version() == before).mapToLong(Answer::sentAt).max().orElse(t0);
                long firstNew = mine.stream().filter(x -> x.version() == after).mapToLong(Answer::answeredAt).min().orElse(Long.MAX_VALUE);
                long lagMillis = Math.max(0, (lastOld - t0) / 1_000_000);
                System.out.printf("ReplicasAgreeIT: replica %s: %d answers; last request answered by v%d sent %d ms after the "
                                + "publication returned, first answer by v%d %d ms after%n", replica, mine.size(), before, lagMillis,
                        after, (firstNew - t0) / 1_000_000);
                assertThat(mine.stream().filter(x -> x.version() == after)).as("replica " + replica + " answers by v" + after).isNotEmpty();
                assertThat(mine.stream().filter(x -> x.sentAt() > t0 + TARGET_MILLIS * 1_000_000).allMatch(x -> x.version() == after))
                        .as("every request replica " + replica + " took a second after the publication is answered by v" + after)
                        .isTrue();
                assertThat(mine.stream().filter(x -> x.version() != before && x.version() != after)).isEmpty();
            }
            System.out.printf("ReplicasAgreeIT: replica b's lexrule_policy_notification_lag_seconds: max %.3f s, count %.0f%n",
                    b.metric("lexrule_policy_notification_lag_seconds_max"), b.metric("lexrule_policy_notification_lag_seconds_count"));
            assertThat(b.metric("lexrule_policy_notification_lag_seconds_count")).as("replica b switched on a notification").isPositive();
            assertThat(b.metric("lexrule_policy_notification_lag_seconds_max")).isLessThan(TARGET_MILLIS / 1000.0);

            for (PackagedService replica : List.of(a, b)) {
                JsonNode verification = JSON.readTree(replica.get("auditor", "/api/v1/audit/verification?full=true").body());
                assertThat(verification.path("intact").asBoolean()).as(verification.toPrettyString()).isTrue();
                assertThat(verification.path("recordsChecked").asLong()).isGreaterThanOrEqualTo(answers.size());
            }
        }
    }

    private static int version(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("policy").path("version").asInt();
    }
}
