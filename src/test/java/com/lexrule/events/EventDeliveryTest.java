package com.lexrule.events;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.Lifecycle;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * What a case system receives: each recorded event once per delivery, signed with its subscription's secret, retried
 * while it answers 500, dead after the last attempt and sent again on an admin's request; nothing for a refused
 * request. The lifecycle profile: one test publishes a policy version.
 */
@QuarkusTest
@TestProfile(Lifecycle.Profile.class)
class EventDeliveryTest {

    static final String SUBSCRIPTIONS = "/api/v1/event-subscriptions";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    EventDispatcher dispatcher;

    @jakarta.inject.Inject
    EventRetention retention;

    private Receiver receiver;
    private final List<String> subscriptions = new ArrayList<>();

    @BeforeEach
    void receive() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(id -> as("admin").delete(SUBSCRIPTIONS + "/" + id).then().statusCode(204));
        receiver.close();
    }

    /** Subscribes the receiver; returns the subscription's answer (with its secret). */
    JsonPath subscribe(List<String> families, List<String> types) {
        JsonPath created = as("admin").body(Map.of("name", "测试案管系统", "transport", "WEBHOOK", "target", receiver.url(),
                        "families", families, "types", types))
                .post(SUBSCRIPTIONS).then().statusCode(201).body("secret", startsWith("whsec_")).extract().jsonPath();
        subscriptions.add(created.getString("subscription.id"));
        return created;
    }

    static String decide(String caseId) {
        return post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", caseId, "crimeType", "THEFT",
                "dangerIndicators", List.of("FLIGHT_HISTORY"))).statusCode(200).extract().path("decisionId");
    }

    static JsonNode body(Receiver.Received received) {
        try {
            return JSON.readTree(received.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Predicate<Receiver.Received> about(String field, String value) {
        return r -> value.equals(body(r).path("data").path(field).asText());
    }

    @Test
    void anAssessmentIsDeliveredOnceAsASignedCloudEvent() throws Exception {
        String secret = subscribe(List.of("arrest"), List.of("assessment.recorded")).getString("secret");
        String decisionId = decide("EV-ONCE");

        Receiver.Received delivery = receiver.await(about("decisionId", decisionId), 1, WAIT).get(0);
        JsonNode event = body(delivery);
        assertThat(new WebhookVerifier(secret, Duration.ofMinutes(5))
                .verify(delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body())).isTrue();
        assertThat(new WebhookVerifier(secret, Duration.ofMinutes(5))
                .verify(delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body().replace("EV-ONCE", "EV-FORGED")))
                .as("a changed body fails the check").isFalse();
        assertThat(delivery.contentType()).startsWith("application/cloudevents+json");
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo(delivery.id());
        assertThat(event.path("type").asText()).isEqualTo("com.lexrule.assessment.recorded");
        assertThat(event.path("subject").asText()).isEqualTo(decisionId);
        assertThat(event.path("lexrulefamily").asText()).isEqualTo("arrest");
        assertThat(event.at("/data/caseId").asText()).isEqualTo("EV-ONCE");
        assertThat(event.at("/data/policy/sha256").asText()).hasSize(64);
        EventExamples.write("assessment.recorded", event);

        Thread.sleep(1500); // several dispatcher runs: none sends it again
        assertThat(receiver.matching(about("decisionId", decisionId))).hasSize(1);
        as("admin").get(SUBSCRIPTIONS + "/" + subscriptions.get(0) + "/deliveries").then().statusCode(200)
                .body("find { it.eventId == '" + delivery.id() + "' }.status", equalTo("DELIVERED"))
                .body("find { it.eventId == '" + delivery.id() + "' }.attempts", equalTo(1));
    }

    @Test
    void aReceiverThatAnswers500IsRetriedUntilTheDeliveryIsDeadThenAnAdminRedeliversIt() throws Exception {
        String subscription = subscribe(List.of(), List.of("assessment.recorded")).getString("subscription.id");
        receiver.answer.set(500);
        String decisionId = decide("EV-RETRY");

        // max-attempts is 3 in tests: the same event, three times, with the backoff between
        List<Receiver.Received> attempts = receiver.await(about("decisionId", decisionId), 3, WAIT);
        assertThat(attempts).extracting(Receiver.Received::id).containsOnly(attempts.get(0).id());
        String deadLetter = awaitDead(subscription, attempts.get(0).id());
        Thread.sleep(1000);
        assertThat(receiver.matching(about("decisionId", decisionId))).as("no attempt after the last").hasSize(3);

        receiver.answer.set(200);
        as("admin").post("/api/v1/event-deliveries/" + deadLetter + "/redelivery").then().statusCode(202)
                .body("status", equalTo("PENDING"));
        Receiver.Received again = receiver.await(about("decisionId", decisionId), 4, WAIT).get(3);
        assertThat(again.id()).as("the idempotency key is the event's id").isEqualTo(attempts.get(0).id());
        as("admin").get(SUBSCRIPTIONS + "/" + subscription + "/deliveries").then().statusCode(200)
                .body("find { it.id == '" + deadLetter + "' }.status", equalTo("DELIVERED"));
        as("admin").post("/api/v1/event-deliveries/no-such-delivery/redelivery").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private String awaitDead(String subscription, String eventId) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            List<String> dead = as("admin").queryParam("status", "DEAD").get(SUBSCRIPTIONS + "/" + subscription + "/deliveries")
                    .then().statusCode(200).extract().jsonPath().getList("findAll { it.eventId == '" + eventId + "' }.id");
            if (!dead.isEmpty()) {
                return dead.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the delivery of " + eventId + " did not become dead");
    }

    @Test
    void whatWasPushedIsDeletedAfterItsRetentionAndADeadLetterIsKeptLonger() throws Exception {
        String subscription = subscribe(List.of("arrest"), List.of("assessment.recorded")).getString("subscription.id");
        String delivered = decide("EV-RETAIN-1");
        String deliveredEvent = receiver.await(about("decisionId", delivered), 1, WAIT).get(0).id();
        awaitStatus(subscription, deliveredEvent, "DELIVERED");
        receiver.answer.set(500);
        String failed = decide("EV-RETAIN-2");
        String deadEvent = receiver.await(about("decisionId", failed), 1, WAIT).get(0).id();
        awaitDead(subscription, deadEvent);

        retention.purge(java.time.Instant.now());
        assertThat(deliveredEvents(subscription)).as("nothing is old enough yet").contains(deliveredEvent, deadEvent);

        // 31 days on (retention.delivered is 30 days): the delivered delivery is gone, the dead letter kept
        EventRetention.Purged month = retention.purge(java.time.Instant.now().plus(Duration.ofDays(31)));
        assertThat(month.delivered()).isPositive();
        assertThat(deliveredEvents(subscription)).doesNotContain(deliveredEvent).contains(deadEvent);
        assertThat(outboxHolds(deliveredEvent)).as("an event without deliveries goes too").isZero();
        assertThat(outboxHolds(deadEvent)).as("the dead letter's event stays for a redelivery").isOne();

        // 181 days on (retention.dead is 180 days): the dead letter and its event are gone; the records never were
        retention.purge(java.time.Instant.now().plus(Duration.ofDays(181)));
        assertThat(deliveredEvents(subscription)).doesNotContain(deadEvent);
        assertThat(outboxHolds(deadEvent)).isZero();
        as("auditor").get("/api/v1/decisions/" + failed).then().statusCode(200);
        as("auditor").get("/api/v1/decisions/" + delivered).then().statusCode(200);
    }

    private static long outboxHolds(String eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("id", eventId));
    }

    private List<String> deliveredEvents(String subscription) {
        return as("admin").get(SUBSCRIPTIONS + "/" + subscription + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("eventId");
    }

    private void awaitStatus(String subscription, String eventId, String status) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            List<String> found = as("admin").get(SUBSCRIPTIONS + "/" + subscription + "/deliveries").then().statusCode(200)
                    .extract().jsonPath().getList("findAll { it.eventId == '" + eventId + "' }.status");
            if (found.contains(status)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the delivery of " + eventId + " did not become " + status);
    }

    @Test
    void dispatchersRunningAtOnceSendEachDeliveryOnce() throws Exception {
        // Three more dispatcher loops beside the scheduled one: replicas on one database, as far as the rows can tell.
        subscribe(List.of("arrest"), List.of("assessment.recorded"));
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService replicas = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<String> decisions = new ArrayList<>();
        try {
            for (int r = 0; r < 3; r++) {
                replicas.submit(() -> {
                    while (running.get()) {
                        dispatcher.fanOut();
                        dispatcher.deliver();
                    }
                    return null;
                });
            }
            for (int i = 0; i < 30; i++) {
                decisions.add(decide("EV-REPLICAS-" + i));
            }
            receiver.await(r -> decisions.contains(body(r).at("/data/decisionId").asText()), decisions.size(), WAIT);
            Thread.sleep(1500);
        } finally {
            running.set(false);
            replicas.shutdown();
            assertThat(replicas.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(receiver.matching(r -> decisions.contains(body(r).at("/data/decisionId").asText())))
                .extracting(r -> body(r).at("/data/decisionId").asText()).doesNotHaveDuplicates().hasSize(decisions.size());
    }

    @Test
    void aRefusedRequestPushesNothing() throws Exception {
        subscribe(List.of(), List.of("assessment.recorded", "officer-decision.recorded", "objection.decided"));
        post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", "EV-REFUSED", "crimeType", "NO_SUCH_CRIME"))
                .statusCode(400);
        String decisionId = decide("EV-REFUSED-DECIDED");
        receiver.await(about("decisionId", decisionId), 1, WAIT);
        // departing from the recommendation without a reason is refused
        as("officer").body(Map.of("taken", "BAIL", "officer", "P-1")).put("/api/v1/decisions/" + decisionId + "/officer-decision")
                .then().statusCode(400);
        // a delivered event after the refusals shows the dispatcher ran past them
        String later = decide("EV-REFUSED-LATER");
        receiver.await(about("decisionId", later), 1, WAIT);
        Thread.sleep(500);
        assertThat(receiver.matching(about("caseId", "EV-REFUSED"))).isEmpty();
        assertThat(receiver.matching(r -> body(r).path("type").asText().endsWith("officer-decision.recorded"))).isEmpty();
    }

    @Test
    void officersDecisionsObjectionsAndPublicationsAreEventsToo() throws Exception {
        subscribe(List.of("arrest"), List.of("officer-decision.recorded", "objection.decided", "policy.published"));
        String decisionId = decide("EV-REVIEW");
        as("officer").body(Map.of("taken", "ARREST", "officer", "P-7")).put("/api/v1/decisions/" + decisionId + "/officer-decision")
                .then().statusCode(201);
        String objection = as("officer").body(Map.of("objector", "辩护人 L-3", "objectorRole", "COUNSEL", "grounds", "不构成逃跑"))
                .post("/api/v1/decisions/" + decisionId + "/objections").then().statusCode(201).extract().path("id");
        as("officer").body(Map.of("outcome", "DISMISSED", "reason", "逃跑记录属实")).post("/api/v1/objections/" + objection + "/outcome")
                .then().statusCode(201);
        int published = as("approver").body(Map.of("effectiveFrom", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString(),
                        "changeNote", "再发布 v1（事件测试）"))
                .post("/api/v1/policies/arrest/versions/1/republish").then().statusCode(201).extract().jsonPath().getInt("policy.version");

        JsonNode officer = body(receiver.await(about("decisionId", decisionId).and(r -> body(r).path("type").asText()
                .equals("com.lexrule.officer-decision.recorded")), 1, WAIT).get(0));
        assertThat(officer.at("/data/taken").asText()).isEqualTo("ARREST");
        assertThat(officer.at("/data/agrees").asBoolean()).isTrue();
        JsonNode decided = body(receiver.await(about("objectionId", objection), 1, WAIT).get(0));
        assertThat(decided.path("type").asText()).isEqualTo("com.lexrule.objection.decided");
        assertThat(decided.at("/data/outcome").asText()).isEqualTo("DISMISSED");
        JsonNode publication = body(receiver.await(r -> body(r).path("subject").asText().equals("arrest/v" + published), 1, WAIT).get(0));
        assertThat(publication.path("type").asText()).isEqualTo("com.lexrule.policy.published");
        assertThat(publication.at("/data/sha256").asText()).hasSize(64);
        EventExamples.write("officer-decision.recorded", officer);
        EventExamples.write("objection.decided", decided);
        EventExamples.write("policy.published", publication);
    }

    @Test
    void theSecretIsShownOnceAndARotationReplacesIt() throws Exception {
        JsonPath created = subscribe(List.of("arrest"), List.of("assessment.recorded"));
        String id = created.getString("subscription.id");
        as("admin").get(SUBSCRIPTIONS + "/" + id).then().statusCode(200).body("secret", org.hamcrest.Matchers.nullValue())
                .body("types[0]", equalTo("assessment.recorded"));
        String rotated = as("admin").post(SUBSCRIPTIONS + "/" + id + "/secret").then().statusCode(200)
                .extract().path("secret");
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(created.getString("secret"));
        String decisionId = decide("EV-ROTATED");
        Receiver.Received delivery = receiver.await(about("decisionId", decisionId), 1, WAIT).get(0);
        assertThat(new WebhookVerifier(rotated, Duration.ofMinutes(5))
                .verify(delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body())).isTrue();
        assertThat(new WebhookVerifier(created.getString("secret"), Duration.ofMinutes(5))
                .verify(delivery.id(), delivery.timestamp(), delivery.signature(), delivery.body())).isFalse();
    }

    @Test
    void anAmqpSubscriptionGetsTheSameSignedEventFromTheBroker() throws Exception {
        String queue = "lexrule-test-" + java.util.UUID.randomUUID();
        Vertx vertx = Vertx.vertx();
        AmqpClient client = AmqpClient.create(vertx, new AmqpClientOptions().setHost("127.0.0.1").setPort(5672)
                .setUsername("guest").setPassword("guest"));
        try {
            java.util.concurrent.BlockingQueue<AmqpMessage> got = new java.util.concurrent.LinkedBlockingQueue<>();
            // RabbitMQ's AMQP 1.0 plugin declares the queue of a /queue/ source; the subscription then sends to it.
            AmqpReceiver consumer = client.createReceiver("/queue/" + queue).toCompletionStage().toCompletableFuture()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS);
            consumer.handler(got::add);
            JsonPath created = as("admin").body(Map.of("name", "AMQP 案管系统", "transport", "AMQP", "target", "/queue/" + queue,
                    "families", List.of("arrest"), "types", List.of("assessment.recorded"))).post(SUBSCRIPTIONS)
                    .then().statusCode(201).extract().jsonPath();
            subscriptions.add(created.getString("subscription.id"));
            String decisionId = decide("EV-AMQP");

            AmqpMessage message;
            JsonNode event;
            do {
                message = got.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(message).as("a message on " + queue).isNotNull();
                event = JSON.readTree(message.bodyAsBinary().getBytes());
            } while (!decisionId.equals(event.at("/data/decisionId").asText()));
            String body = message.bodyAsBinary().toString(java.nio.charset.StandardCharsets.UTF_8);
            JsonObject properties = message.applicationProperties();
            assertThat(message.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(message.id()).isEqualTo(event.path("id").asText());
            assertThat(new WebhookVerifier(created.getString("secret"), Duration.ofMinutes(5)).verify(
                    properties.getString("webhook-id"), properties.getString("webhook-timestamp"),
                    properties.getString("webhook-signature"), body)).isTrue();
            assertThat(event.path("type").asText()).isEqualTo("com.lexrule.assessment.recorded");
        } finally {
            client.close();
            vertx.close();
        }
    }

    @Test
    void aSubscriptionIsRefusedFieldByField() {
        as("admin").body(Map.of("name", "x", "transport", "WEBHOOK", "target", receiverUrl(), "types", List.of("assessment.made")))
                .post(SUBSCRIPTIONS).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("types[0]"));
        as("admin").body(Map.of("name", "x", "transport", "WEBHOOK", "target", "ftp://cases", "types", List.of("assessment.recorded")))
                .post(SUBSCRIPTIONS).then().statusCode(400).body("errors[0].field", equalTo("target"));
        as("admin").body(Map.of("name", "x", "transport", "WEBHOOK", "target", receiverUrl(), "families", List.of("tax"),
                        "types", List.of("assessment.recorded")))
                .post(SUBSCRIPTIONS).then().statusCode(400).body("errors[0].field", equalTo("families[0]"));
        as("admin").body(Map.of("name", "x", "transport", "WEBHOOK", "target", receiverUrl(), "types", List.of()))
                .post(SUBSCRIPTIONS).then().statusCode(400).body("errors[0].field", equalTo("types"));
        as("case-system").body(Map.of("name", "x", "transport", "WEBHOOK", "target", receiverUrl(), "types", List.of("assessment.recorded")))
                .post(SUBSCRIPTIONS).then().statusCode(403);
        as("admin").get(SUBSCRIPTIONS + "/no-such-subscription").then().statusCode(404).contentType("application/problem+json");
    }

    private String receiverUrl() {
        return receiver.url();
    }
}
