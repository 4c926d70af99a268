package com.lexrule.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end load on a running service: arrest assessments from {@code threads} clients for {@code seconds},
 * each over a keep-alive connection, reporting decisions per second, latency percentiles and errors.
 * <pre>java -cp target/test-classes com.lexrule.bench.LoadGenerator http://localhost:8080 16 30</pre>
 */
public final class LoadGenerator {

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String auth = "Basic " + Base64.getEncoder().encodeToString("case-system:case-system".getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(base + "/api/v1/assessments/arrest");

        run(client, uri, auth, threads, 5, false); // warm-up
        Result result = run(client, uri, auth, threads, seconds, true);
        System.out.printf("threads=%d seconds=%d decisions=%d errors=%d rate=%.0f/s p50=%.1fms p99=%.1fms max=%.1fms%n",
                threads, seconds, result.ok, result.errors, result.ok / (double) seconds,
                result.percentile(50), result.percentile(99), result.percentile(100));
    }

    record Result(long ok, long errors, long[] latenciesNanos) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) return 0;
            int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, index)] / 1e6;
        }
    }

    static Result run(HttpClient client, URI uri, String auth, int threads, int seconds, boolean measure) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> clients = new ArrayList<>();
        String[] crimes = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "PICKING_QUARRELS", "ROBBERY"};
        for (int t = 0; t < threads; t++) {
            int id = t;
            clients.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                for (long i = 0; System.nanoTime() < end; i++) {
                    String body = """
                            {"caseId":"LOAD-%d-%d","subjectId":"S-%d","stage":"ARREST_REVIEW","crimeType":"%s",
                             "evidenceOfCrime":true,"expectedSentence":"UP_TO_3_YEARS","priorIntentionalCrime":false,
                             "identityUnknown":false,"age":%d,"dangerIndicators":["FLIGHT_HISTORY","NO_FIXED_RESIDENCE"],
                             "mitigations":["PLEADED_GUILTY"],"specialCircumstances":[],"violatedBailConditions":false}
                            """.formatted(id, i % 500, id, crimes[(int) (i % crimes.length)], 16 + (int) (i % 40));
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", auth)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long start = System.nanoTime();
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    long took = System.nanoTime() - start;
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                    } else if (n < latencies.length) {
                        latencies[n++] = took;
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> c : clients) all.add(c.get());
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(merged.length, errors.get(), merged);
    }
}
