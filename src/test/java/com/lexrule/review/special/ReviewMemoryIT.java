package com.lexrule.review.special;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, started in a child JVM with the heap the Kubernetes manifest gives it (the container's
 * memory limit from k8s/base/deployment.yaml, times the MaxRAMPercentage of the image's Dockerfile; the JVM is told the
 * limit with -XX:MaxRAM, as a container would tell it), takes a 6 MB review and refuses a 400,000-row one with 413,
 * and stays healthy: no OutOfMemoryError (the JVM would exit on one), liveness UP, live assessments answered.
 * Runs in {@code integration-test}, after {@code package}, on its own H2 database under target/.
 */
class ReviewMemoryIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BOUNDARY = "lexrule-it-" + UUID.randomUUID();

    private static Process service;
    private static String base;
    private static Path log;
    private static long limitBytes;
    private static double ramPercentage;

    @BeforeAll
    static void startThePackagedServiceWithTheManifestsHeap() throws Exception {
        // -Dlexrule.it.memory-limit=<bytes> measures another limit (e.g. 536870912: the 256 MB heap of the report)
        limitBytes = Long.getLong("lexrule.it.memory-limit", memoryLimit(Files.readString(Path.of("k8s/base/deployment.yaml"))));
        ramPercentage = ramPercentage(Files.readString(Path.of("src/main/docker/Dockerfile.jvm")));
        Path app = Path.of(System.getProperty("lexrule.it.app", "target/it/quarkus-run.jar"));
        assertThat(app).as("the package built for the integration tests").exists();
        Path work = Path.of(System.getProperty("lexrule.it.work", "target/it-work")).resolve("review-memory");
        deleteTree(work);
        Files.createDirectories(work);
        log = work.resolve("service.log");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=" + limitBytes, "-XX:MaxRAMPercentage=" + ramPercentage, "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + work.toAbsolutePath(),
                "-Dquarkus.profile=embedded", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + work.toAbsolutePath().resolve("db/lexrule") + ";DB_CLOSE_ON_EXIT=FALSE",
                "-jar", app.toAbsolutePath().toString()));
        System.out.printf("ReviewMemoryIT: limit %d MiB x %.0f %% = heap %d MiB%n", limitBytes >> 20, ramPercentage,
                (long) (limitBytes * ramPercentage / 100) >> 20);
        service = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertThat(service.isAlive()).as("the service exited while starting; see " + log).isTrue();
            try {
                if (get("/q/health/ready", null).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("ready within 240 s; see " + log).isLessThan(until);
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void theManifestGivesTheJvmAHeapOfHalfItsMemoryLimit() {
        if (System.getProperty("lexrule.it.memory-limit") == null) {
            assertThat(limitBytes).isEqualTo(1L << 30);
        }
        assertThat(ramPercentage).isEqualTo(50.0);
        assertThat(maxHeap()).isLessThanOrEqualTo((long) (limitBytes * ramPercentage / 100));
    }

    @Test
    void aSixMegabyteReviewIsAcceptedAndAFourHundredThousandRowOneRefusedWithoutExhaustingTheHeap() throws Exception {
        byte[] large = ReviewWorkbooks.arrest(20_000, 400);
        assertThat(large.length).as("bytes of the large review").isGreaterThanOrEqualTo(6_000_000);
        long started = System.nanoTime();
        HttpResponse<String> accepted = upload("large.xlsx", large);
        System.out.printf("ReviewMemoryIT: %.1f MB, 20,000 rows: %d in %d ms%n", large.length / 1e6, accepted.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"total\":20000");

        byte[] rows = ReviewWorkbooks.caseIds(400_000);
        started = System.nanoTime();
        HttpResponse<String> refused = upload("rows.xlsx", rows);
        System.out.printf("ReviewMemoryIT: %.1f MB, 400,000 rows: %d in %d ms%n", rows.length / 1e6, refused.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.body()).contains("review-too-many-rows").contains("lexrule.review.max-rows");

        // the same again while the first review is being re-assessed: nothing accumulates
        assertThat(upload("rows-again.xlsx", rows).statusCode()).isEqualTo(413);
        assertThat(upload("large-again.xlsx", large).statusCode()).isEqualTo(202);

        assertThat(service.isAlive()).as("the service is still running; see " + log).isTrue();
        assertThat(get("/q/health/live", null).statusCode()).isEqualTo(200);
        HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/assessments/arrest"))
                .header("Authorization", basic("case-system")).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString("""
                        {"caseId": "IT-1", "subjectId": "S-1", "stage": "ARREST_REVIEW", "crimeType": "THEFT",
                         "evidenceOfCrime": true, "expectedSentence": "UP_TO_3_YEARS", "priorIntentionalCrime": false,
                         "identityUnknown": false, "age": 30, "dangerIndicators": ["FLIGHT_HISTORY"], "mitigations": [],
                         "specialCircumstances": [], "violatedBailConditions": false}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
        String output = Files.readString(log);
        assertThat(output).doesNotContain("OutOfMemoryError").doesNotContain("Java heap space");
        try (Stream<Path> spooled = Files.list(log.getParent())) {
            assertThat(spooled.filter(f -> f.getFileName().toString().startsWith("lexrule-upload-")))
                    .as("spooled uploads left behind").isEmpty();
        }
        System.out.println("ReviewMemoryIT: " + heapInfo());
    }

    // ------------------------------------------------------------------------------------------ manifest

    /** The container's memory limit, e.g. {@code limits: {memory: 1Gi}}. */
    static long memoryLimit(String manifest) {
        Matcher m = Pattern.compile("limits:\\s*\\{[^}]*memory:\\s*(\\d+)(Mi|Gi)").matcher(manifest);
        assertThat(m.find()).as("k8s/base/deployment.yaml sets a memory limit").isTrue();
        return Long.parseLong(m.group(1)) << (m.group(2).equals("Gi") ? 30 : 20);
    }

    static double ramPercentage(String dockerfile) {
        Matcher m = Pattern.compile("-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)").matcher(dockerfile);
        assertThat(m.find()).as("the Dockerfile sets -XX:MaxRAMPercentage").isTrue();
        return Double.parseDouble(m.group(1));
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private static HttpResponse<String> upload(String name, byte[] xlsx) throws IOException, InterruptedException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"family\"\r\n\r\narrest\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: "
                + SpecialReviewResource.XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reviews"))
                .header("Authorization", basic("auditor")).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, xlsx, tail))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------ the child's heap

    /** The child's maximum heap as its JVM reports it (jcmd VM.flags). */
    private static long maxHeap() {
        Matcher m = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(jcmd("VM.flags"));
        assertThat(m.find()).as("jcmd VM.flags").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String heapInfo() {
        return jcmd("GC.heap_info").lines().filter(l -> l.contains("total") || l.contains("used")).findFirst().orElse("").strip();
    }

    private static String jcmd(String what) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(service.pid()), what).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
