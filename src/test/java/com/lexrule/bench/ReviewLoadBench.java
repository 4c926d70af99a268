package com.lexrule.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of a special review against a running service; it starts nothing itself. It generates a review of
 * arrest cases (default 10,000), submits it as JSON, polls it to the end, and meanwhile keeps a few threads sending
 * live arrest assessments, whose latency (p50/p99) it reports next to the same load without a review.
 *
 * <pre>
 * mvn -B -q package -DskipTests -Dquarkus.profile=embedded
 * java -Dquarkus.profile=embedded -Dquarkus.http.port=18081 -Dquarkus.datasource.jdbc.url=jdbc:h2:file:/tmp/review-bench/db \
 *      -jar target/quarkus-app/quarkus-run.jar &amp;
 * mvn -B -q test-compile &amp;&amp; java -cp target/test-classes com.lexrule.bench.ReviewLoadBench http://localhost:18081 10000 3
 * </pre>
 * Arguments: base URL, rows, live threads. Users are the demo users (auditor, case-system).
 */
public final class ReviewLoadBench {

    private static final String[] CRIMES = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "ROBBERY", "PICKING_QUARRELS", "DANGEROUS_DRIVING"};
    private static final String[] SENTENCES = {"CRIMINAL_DETENTION", "UP_TO_3_YEARS", "UP_TO_3_YEARS", "3_TO_10_YEARS", "10_YEARS_OR_MORE"};
    private static final String[] INDICATORS = {"FLIGHT_HISTORY", "THREATENED_VICTIM_OR_INFORMANT", "NO_FIXED_RESIDENCE",
            "DRUG_OR_GAMBLING_HABIT", "REPEATED_OR_ROAMING_OFFENDING", "DESTROYED_EVIDENCE"};
    private static final String[] MITIGATIONS = {"PLEADED_GUILTY", "FIRST_OFFENCE", "VICTIM_FORGAVE", "FULL_COMPENSATION"};
    private static final String[] MEASURES = {"ARREST", "BAIL", "BAIL", "RESIDENTIAL_SURVEILLANCE"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private ReviewLoadBench(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:18081";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        new ReviewLoadBench(base).run(rows, threads);
    }

    private void run(int rows, int threads) throws Exception {
        Random random = new Random(42);
        System.out.printf("target %s, %d review rows, %d live threads, %d cores here%n", base, rows, threads,
                Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < 300; i++) {
            live(random, "WARM-" + i);
        }
        List<Long> idle = load(threads, Duration.ofSeconds(10), null);
        report("live arrest assessments, no review running", idle);

        String body = review(rows, random);
        System.out.printf("review body: %.1f MiB%n", body.length() / 1048576.0);
        AtomicBoolean reviewing = new AtomicBoolean(true);
        long submitted = System.nanoTime();
        HttpResponse<String> answer = http.send(request("/api/v1/reviews", "auditor")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        long accepted = System.nanoTime();
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("submit: " + answer.statusCode() + " " + answer.body());
        }
        String id = field(answer.body(), "id");
        System.out.printf("submitted %s in %d ms (read and checked before 202)%n", id, (accepted - submitted) / 1_000_000);
        Thread poller = new Thread(() -> {
            try {
                while (true) {
                    String review = http.send(request("/api/v1/reviews/" + id, "auditor").GET().build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    String status = field(review, "status");
                    if ("DONE".equals(status) || "FAILED".equals(status)) {
                        System.out.printf("review %s: %s, server time submitted→finished %s%n", id, status,
                                Duration.between(Instant.parse(field(review, "submittedAt")), Instant.parse(field(review, "finishedAt"))));
                        System.out.println("summary: agreed " + number(review, "agreed") + ", disagreed " + number(review, "disagreed")
                                + ", invalid " + number(review, "invalid"));
                        break;
                    }
                    Thread.sleep(250);
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                reviewing.set(false);
            }
        });
        poller.start();
        List<Long> during = load(threads, Duration.ofSeconds(120), reviewing);
        poller.join();
        long finished = System.nanoTime();
        double seconds = (finished - submitted) / 1e9;
        System.out.printf("review of %d rows: %.1f s from submit to DONE seen by the poller, %.0f rows/s%n", rows, seconds, rows / seconds);
        report("live arrest assessments during the review", during);
    }

    /** Live assessments from {@code threads} threads until {@code until} turns false or {@code max} passes. */
    private List<Long> load(int threads, Duration max, AtomicBoolean until) throws InterruptedException {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + max.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            Thread worker = new Thread(() -> {
                Random random = new Random(1000 + seed);
                int n = 0;
                while (System.nanoTime() < end && (until == null || until.get())) {
                    long start = System.nanoTime();
                    try {
                        live(random, "LIVE-" + seed + "-" + n++);
                        latencies.add(System.nanoTime() - start);
                    } catch (Exception e) {
                        System.err.println("live call failed: " + e);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return latencies;
    }

    private void live(Random random, String caseId) throws Exception {
        HttpResponse<String> response = http.send(request("/api/v1/assessments/arrest", "case-system")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(arrestCase(random, caseId, null))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static String review(int rows, Random random) {
        StringBuilder body = new StringBuilder(rows * 400).append("{\"family\":\"arrest\",\"cases\":[");
        for (int i = 0; i < rows; i++) {
            if (i > 0) body.append(',');
            body.append(arrestCase(random, "REVIEW-" + i, MEASURES[random.nextInt(MEASURES.length)]));
        }
        return body.append("]}").toString();
    }

    private static String arrestCase(Random random, String caseId, String recognised) {
        StringBuilder c = new StringBuilder("{\"caseId\":\"").append(caseId).append("\",\"subjectId\":\"S-")
                .append(random.nextInt(100000)).append("\",\"stage\":\"ARREST_REVIEW\",\"crimeType\":\"")
                .append(CRIMES[random.nextInt(CRIMES.length)]).append("\",\"evidenceOfCrime\":true,\"expectedSentence\":\"")
                .append(SENTENCES[random.nextInt(SENTENCES.length)]).append("\",\"priorIntentionalCrime\":")
                .append(random.nextInt(10) == 0).append(",\"identityUnknown\":false,\"age\":").append(16 + random.nextInt(50))
                .append(",\"dangerIndicators\":").append(pick(random, INDICATORS, 3)).append(",\"mitigations\":")
                .append(pick(random, MITIGATIONS, 2)).append(",\"violatedBailConditions\":false");
        if (recognised != null) {
            c.append(",\"recognised\":\"").append(recognised).append('"');
        }
        return c.append('}').toString();
    }

    private static String pick(Random random, String[] codes, int max) {
        int n = random.nextInt(max + 1);
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String code = codes[random.nextInt(codes.length)];
            if (!chosen.contains(code)) chosen.add(code);
        }
        return chosen.isEmpty() ? "[]" : "[\"" + String.join("\",\"", chosen) + "\"]";
    }

    private HttpRequest.Builder request(String path, String user) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }

    private static void report(String what, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println(what + ": no calls");
            return;
        }
        System.out.printf("%s: %d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
