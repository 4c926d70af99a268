package com.lexrule.storage;

import static com.lexrule.support.PackagedService.arrestCase;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.OwnPostgres;
import com.lexrule.support.PackagedService;

/**
 * The database stopped and started again under the packaged service, on a PostgreSQL cluster of this test's own
 * (its own port, under target/, removed at the end): while it is down, every assessment is answered, quickly, with a
 * 503 problem and Retry-After, never left hanging; readiness is DOWN while liveness stays UP, so Kubernetes takes
 * the pod out of the Service without restarting it; once the database is back the same process decides again, its
 * policy listener reconnects, and the audit chains verify. {@link com.lexrule.problem.DatabaseDownTest} does the
 * same in-process on H2 through a gate that cuts the connections; this one stops a real server.
 */
class PostgresOutageIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The longest an answer may take while the database is down: the pool's acquisition timeout (2 s) and margin. */
    static final long ANSWER_WITHIN_MILLIS = 10_000;

    @Test
    void whileItsDatabaseIsStoppedTheServiceAnswers503WithRetryAfterIsNotReadyStaysLiveAndRecoversWithoutARestart() throws Exception {
        PackagedService.Database suite = PackagedService.Database.ofSuite();
        Assumptions.assumeTrue(suite.postgres(), "needs the package built for PostgreSQL (-Ppostgres)");
        Assumptions.assumeTrue(OwnPostgres.available(), "needs initdb and pg_ctl (lexrule.it.pg.bin)");
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("postgres-outage").toAbsolutePath();
        PackagedService.deleteTree(work);
        try (OwnPostgres cluster = OwnPostgres.create(work.resolve("cluster"))) {
            List<String> arguments = new ArrayList<>(List.of("-Dquarkus.profile=bench",
                    "-Dquarkus.datasource.jdbc.url=" + cluster.url("postgres"), "-Dquarkus.datasource.username=postgres",
                    "-Dquarkus.datasource.password=", "-Dquarkus.datasource.jdbc.acquisition-timeout=2s",
                    "-Dquarkus.datasource.jdbc.background-validation-interval=1s", "-Dlexrule.policy.listen-reconnect=500ms"));
            try (PackagedService service = PackagedService.start(suite.app(), work, "service", arguments).awaitReady()) {
                assertThat(service.post("case-system", "/api/v1/assessments/arrest", arrestCase("OUTAGE-1")).statusCode()).isEqualTo(200);

                cluster.stop();
                for (int i = 0; i < 5; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> refused = service.post("case-system", "/api/v1/assessments/arrest", arrestCase("OUTAGE-DOWN-" + i));
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    System.out.printf("PostgresOutageIT: assessment %d while the database is down: %d in %d ms%n", i,
                            refused.statusCode(), tookMillis);
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
                    assertThat(JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(503);
                    assertThat(tookMillis).as("answered, not left hanging").isLessThan(ANSWER_WITHIN_MILLIS);
                }
                HttpResponse<String> ready = service.get(null, "/q/health/ready");
                assertThat(ready.statusCode()).as("readiness while the database is down: " + ready.body()).isEqualTo(503);
                assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("DOWN");
                HttpResponse<String> live = service.get(null, "/q/health/live");
                assertThat(live.statusCode()).as("liveness while the database is down: " + live.body()).isEqualTo(200);
                assertThat(service.alive()).isTrue();

                cluster.start();
                long until = System.nanoTime() + 60_000_000_000L;
                HttpResponse<String> decided;
                do {
                    Thread.sleep(250);
                    decided = service.post("case-system", "/api/v1/assessments/arrest", arrestCase("OUTAGE-BACK"));
                } while (decided.statusCode() != 200 && System.nanoTime() < until);
                assertThat(decided.statusCode()).as("decides again once the database is back: " + decided.body()).isEqualTo(200);
                do {
                    Thread.sleep(250);
                } while (service.get(null, "/q/health/ready").statusCode() != 200 && System.nanoTime() < until);
                assertThat(service.get(null, "/q/health/ready").statusCode()).as("ready again").isEqualTo(200);
                JsonNode verification = JSON.readTree(service.get("auditor", "/api/v1/audit/verification?full=true").body());
                assertThat(verification.path("intact").asBoolean()).as(verification.toPrettyString()).isTrue();
                // the refused requests stored nothing: two decisions, one before and one after
                JsonNode found = JSON.readTree(service.get("auditor", "/api/v1/decisions?caseId=OUTAGE-DOWN-0").body());
                assertThat(found.path("items").size()).isZero();
                assertThat(Files.readString(service.log())).contains("policy listener reconnected");
            }
        }
    }
}
