package com.lexrule.problem;

import static com.lexrule.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.support.DatabaseGate;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * While the database cannot be reached, an assessment is answered 503 with Retry-After, as a problem, and nothing
 * is decided; the log says so once, without a stack trace per request. Once the database is back, the service
 * decides again without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.Profile.class)
class DatabaseDownTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.acquisition-timeout", "2s",
                    "quarkus.datasource.jdbc.background-validation-interval", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DatabaseGate.class));
        }
    }

    static final String PATH = "/api/v1/assessments/arrest";

    @Test
    void whileTheDatabaseIsDownAnAssessmentIsA503WithRetryAfterAndTheLogHasNoStackTraces() {
        Map<String, Object> body = com.lexrule.support.Api.with(ArrestRulesTest.CASE, "caseId", "DOWN-1");
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class))
                .as("the application reaches its database through the gate").contains("127.0.0.1");
        as("case-system").body(body).post(PATH).then().statusCode(200);
        String decided = as("auditor").queryParam("caseId", "DOWN-1").get("/api/v1/decisions").then().statusCode(200)
                .extract().jsonPath().getList("items").size() + "";

        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record) && record.getLevel().intValue() >= Level.WARNING.intValue()) logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setFilter(new DatabaseDownLogFilter()); // as the console handler is configured
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        DatabaseGate.close();
        try {
            for (int i = 0; i < 5; i++) {
                as("case-system").body(body).post(PATH).then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", notNullValue())
                        .body("type", equalTo("https://lexrule.example/problems/service-unavailable"))
                        .body("status", equalTo(503));
            }
            as("auditor").get("/api/v1/decisions?caseId=DOWN-1").then().statusCode(503).header("Retry-After", notNullValue());
        } finally {
            DatabaseGate.open();
            root.removeHandler(capture);
        }
        assertThat(logged.stream().filter(r -> r.getThrown() != null)
                .map(r -> r.getLoggerName() + ": " + r.getMessage() + " / " + r.getThrown()).toList())
                .as("stack traces logged while the database was down").isEmpty();
        assertThat(logged.stream().filter(r -> String.valueOf(r.getMessage()).contains("database unavailable")
                || r.getLoggerName().contains("DatabaseUnavailable")).count()).isLessThanOrEqualTo(1);

        // back: decides again, and the refused requests stored nothing
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (as("auditor").queryParam("caseId", "DOWN-1").get("/api/v1/decisions").statusCode() != 200) {
            assertThat(System.nanoTime()).as("the service recovers once the database is back").isLessThan(until);
        }
        as("auditor").queryParam("caseId", "DOWN-1").get("/api/v1/decisions").then().statusCode(200)
                .body("items.size()", equalTo(Integer.parseInt(decided)));
        as("case-system").body(body).post(PATH).then().statusCode(200);
    }
}
