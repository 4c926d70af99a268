package com.lexrule.review.special;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.PackagedService;

/**
 * {@code kill -9} of the packaged service in the middle of a special review: after a restart on the same database
 * the review resumes where its last committed batch ended and finishes, with every row of the submission accounted
 * for exactly once (no row lost with the killed batch, none re-assessed twice), and its summary adding up to them.
 * This was checked by hand; here the process is really killed (SIGKILL: no shutdown hook, nothing flushed).
 */
class ReviewKillIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CASES = 3_000;
    static final String[] CRIMES = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "ROBBERY"};

    @Test
    void aReviewKilledMidwayResumesAfterARestartWithEveryRowAccountedForOnce() throws Exception {
        PackagedService.Database database = PackagedService.Database.ofSuite();
        assertThat(database.app()).as("the package built for the integration tests").exists();
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("review-kill").toAbsolutePath();
        PackagedService.deleteTree(work);
        // Small batches, so that the kill falls between commits many times over the run.
        List<String> arguments = new ArrayList<>(database.arguments(work, false));
        arguments.add("-Dlexrule.review.batch-size=50");
        List<String> first = new ArrayList<>(arguments);
        if (database.postgres()) {
            first.addAll(List.of("-Dquarkus.flyway.clean-at-start=true", "-Dquarkus.flyway.clean-disabled=false"));
        }
        String id;
        int doneAtKill;
        PackagedService killed = PackagedService.start(database.app(), work, "first", first).awaitReady();
        try {
            HttpResponse<String> submitted = killed.post("auditor", "/api/v1/reviews", submission());
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
            id = JSON.readTree(submitted.body()).path("id").asText();
            long until = System.nanoTime() + 300_000_000_000L;
            JsonNode review;
            do {
                Thread.sleep(100);
                review = JSON.readTree(killed.get("auditor", "/api/v1/reviews/" + id).body());
            } while (review.path("progress").path("done").asInt() < CASES / 5 && System.nanoTime() < until);
            doneAtKill = review.path("progress").path("done").asInt();
            assertThat(doneAtKill).as("killed midway, not after the end").isBetween(1, CASES - 1);
            killed.kill();
        } finally {
            killed.kill();
        }
        System.out.printf("ReviewKillIT: killed with %d of %d rows done%n", doneAtKill, CASES);

        try (PackagedService restarted = PackagedService.start(database.app(), work, "second", arguments).awaitReady()) {
            long until = System.nanoTime() + 600_000_000_000L;
            JsonNode review;
            do {
                Thread.sleep(250);
                review = JSON.readTree(restarted.get("auditor", "/api/v1/reviews/" + id).body());
            } while (!review.path("status").asText().equals("DONE") && !review.path("status").asText().equals("FAILED")
                    && System.nanoTime() < until);
            assertThat(review.path("status").asText()).as(review.toPrettyString()).isEqualTo("DONE");
            assertThat(review.path("progress").path("done").asInt()).isEqualTo(CASES);
            assertThat(review.path("progress").path("total").asInt()).isEqualTo(CASES);

            Map<Integer, Integer> seen = new HashMap<>();
            Set<String> caseIds = new HashSet<>();
            for (int offset = 0; ; offset += 1000) {
                JsonNode page = JSON.readTree(restarted.get("auditor", "/api/v1/reviews/" + id + "/cases?offset=" + offset
                        + "&limit=1000").body());
                assertThat(page.path("total").asLong()).as("cases stored for the review").isEqualTo(CASES);
                for (JsonNode c : page.path("cases")) {
                    seen.merge(c.path("row").asInt(), 1, Integer::sum);
                    caseIds.add(c.path("caseId").asText());
                }
                if (page.path("cases").size() < 1000) break;
            }
            assertThat(seen.values()).as("no row stored twice").allMatch(n -> n == 1);
            assertThat(seen.keySet()).as("every row of the submission, once").hasSize(CASES);
            assertThat(seen.keySet()).allMatch(row -> row >= 1 && row <= CASES);
            assertThat(caseIds).hasSize(CASES);
            JsonNode summary = review.path("summary");
            assertThat(summary.path("assessed").asInt() + summary.path("invalid").asInt() + summary.path("failed").asInt())
                    .as(summary.toPrettyString()).isEqualTo(CASES);
            assertThat(Files.readString(restarted.log())).contains("special review " + id + " resumed");
        }
    }

    private static String submission() throws Exception {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            Map<String, Object> c = new HashMap<>();
            c.put("caseId", "KILL-" + i);
            c.put("subjectId", "S-" + i);
            c.put("stage", "ARREST_REVIEW");
            c.put("crimeType", CRIMES[i % CRIMES.length]);
            c.put("evidenceOfCrime", true);
            c.put("expectedSentence", "UP_TO_3_YEARS");
            c.put("age", 20 + i % 40);
            c.put("dangerIndicators", i % 3 == 0 ? List.of("FLIGHT_HISTORY") : List.of());
            c.put("mitigations", List.of());
            c.put("specialCircumstances", List.of());
            c.put("recognised", i % 2 == 0 ? "ARREST" : "BAIL");
            cases.add(c);
        }
        return JSON.writeValueAsString(Map.of("family", "arrest", "cases", cases));
    }
}
