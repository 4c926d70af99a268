package com.lexrule.support;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged service in a child JVM, as the integration tests (*IT) run it: the package built for them
 * ({@code lexrule.it.app}: the embedded profile, H2 and the demo users; {@code lexrule.it.app.postgresql}: the bench
 * profile, PostgreSQL and the demo users), the project's rules and tables, its own HTTP and management ports, and
 * the database it is told.
 */
public final class PackagedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The database the integration tests run the service on: the suite's PostgreSQL with -Ppostgres, else H2. */
    public record Database(boolean postgres, Path app, String url, String username) {

        public static Database ofSuite() {
            boolean postgres = "postgresql".equals(System.getProperty("lexrule.it.db.kind"));
            Path app = Path.of(postgres ? System.getProperty("lexrule.it.app.postgresql", "target/it-postgresql/quarkus-run.jar")
                    : System.getProperty("lexrule.it.app", "target/it/quarkus-run.jar")).toAbsolutePath();
            return new Database(postgres, app, System.getProperty("lexrule.it.db.url"), System.getProperty("lexrule.it.db.username"));
        }

        /**
         * The JVM arguments that point the service at this database. H2: a file under {@code workDir}; {@code shared}
         * lets a second process open it through the first (AUTO_SERVER, which H2 allows only with close-on-exit).
         */
        public List<String> arguments(Path workDir, boolean shared) {
            if (postgres) {
                return List.of("-Dquarkus.profile=bench", "-Dquarkus.datasource.jdbc.url=" + url,
                        "-Dquarkus.datasource.username=" + username, "-Dquarkus.datasource.password=");
            }
            return List.of("-Dquarkus.profile=embedded", "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + workDir.resolve("db/lexrule").toAbsolutePath()
                    + (shared ? ";AUTO_SERVER=TRUE" : ";DB_CLOSE_ON_EXIT=FALSE") + ";WRITE_DELAY=0");
        }
    }

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private PackagedService(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts the package with the given JVM arguments (the profile and database among them, see
     * {@link Database#arguments}), working in {@code workDir} (keys, checkpoints, log).
     */
    public static PackagedService start(Path app, Path workDir, String name, List<String> arguments) throws IOException {
        Path project = Path.of("").toAbsolutePath();
        int port = freePort();
        int managementPort = freePort();
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort, "-Dlexrule.review.threads=1"));
        command.addAll(arguments);
        command.addAll(List.of("-jar", app.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LEXRULE_RULES_DIR", project.resolve("rules").toString());
        builder.environment().put("LEXRULE_TABLES_DIR", project.resolve("decision-tables").toString());
        return new PackagedService(builder.start(), port, managementPort, log);
    }

    public PackagedService awaitReady() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) throw new AssertionError("the service exited while starting; see " + log);
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return this;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not become ready; see " + log);
    }

    public HttpResponse<String> post(String user, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", basic(user)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as {@code user}, or anonymous when it is null. */
    public HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120)).GET();
        if (user != null) request.header("Authorization", basic(user));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of a metric's series on the management port (Prometheus text). */
    public double metric(String name) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() != 200) throw new AssertionError("metrics answered " + metrics.statusCode());
        String text = metrics.body();
        Matcher series = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})?\\s+([0-9.Ee+-]+)$").matcher(text);
        double sum = 0;
        while (series.find()) sum += Double.parseDouble(series.group(2));
        return sum;
    }

    /** The service's base address, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTP port of the API. */
    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    public static String arrestCase(String caseId) {
        return "{\"caseId\":\"" + caseId + "\",\"subjectId\":\"S-1\",\"stage\":\"ARREST_REVIEW\",\"crimeType\":\"THEFT\","
                + "\"evidenceOfCrime\":true,\"expectedSentence\":\"UP_TO_3_YEARS\",\"age\":30,"
                + "\"dangerIndicators\":[\"FLIGHT_HISTORY\"],\"mitigations\":[],\"specialCircumstances\":[]}";
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
