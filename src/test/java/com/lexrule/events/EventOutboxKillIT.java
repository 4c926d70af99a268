package com.lexrule.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.PackagedService;

/**
 * An event committed but not yet sent survives a {@code kill -9}: the packaged service records assessments with its
 * dispatcher held back, so that every event is in the outbox and none is delivered, is killed, and delivers each one,
 * signed, after the restart.
 */
class EventOutboxKillIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int DECISIONS = 25;

    @Test
    void everyEventCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        PackagedService.Database database = PackagedService.Database.ofSuite();
        assertThat(database.app()).as("the package built for the integration tests").exists();
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("event-kill").toAbsolutePath();
        PackagedService.deleteTree(work);
        List<String> arguments = new ArrayList<>(database.arguments(work, false));
        List<String> first = new ArrayList<>(arguments);
        first.add("-Dlexrule.events.dispatcher.enabled=false");
        if (database.postgres()) {
            first.addAll(List.of("-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false"));
        }
        try (Receiver receiver = new Receiver()) {
            Set<String> recorded = new HashSet<>();
            String secret;
            PackagedService killed = PackagedService.start(database.app(), work, "first", first).awaitReady();
            try {
                HttpResponse<String> created = killed.post("admin", "/api/v1/event-subscriptions", "{\"name\":\"案管系统\","
                        + "\"transport\":\"WEBHOOK\",\"target\":\"" + receiver.url() + "\",\"types\":[\"assessment.recorded\"]}");
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                secret = JSON.readTree(created.body()).path("secret").asText();
                for (int i = 0; i < DECISIONS; i++) {
                    HttpResponse<String> answer = killed.post("case-system", "/api/v1/assessments/arrest",
                            PackagedService.arrestCase("EV-KILL-" + i));
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    recorded.add(JSON.readTree(answer.body()).path("decisionId").asText());
                }
                Thread.sleep(1500);
                assertThat(receiver.matching(r -> true)).as("nothing is sent while the dispatcher is held back").isEmpty();
            } finally {
                killed.kill();
            }

            PackagedService restarted = PackagedService.start(database.app(), work, "second", arguments).awaitReady();
            try {
                List<Receiver.Received> deliveries = receiver.await(r -> recorded.contains(decisionOf(r)), DECISIONS,
                        Duration.ofSeconds(60));
                Set<String> delivered = new HashSet<>();
                WebhookVerifier verifier = new WebhookVerifier(secret, Duration.ofMinutes(5));
                for (Receiver.Received delivery : deliveries) {
                    assertThat(verifier.verify(delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body())).isTrue();
                    delivered.add(decisionOf(delivery));
                }
                assertThat(delivered).containsExactlyInAnyOrderElementsOf(recorded);
            } finally {
                restarted.close();
            }
        }
    }

    private static String decisionOf(Receiver.Received received) {
        try {
            JsonNode event = JSON.readTree(received.body());
            return event.at("/data/decisionId").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
