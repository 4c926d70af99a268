package com.lexrule.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.support.PackagedService;

/**
 * Every example in README.md and docs/*.md that talks to the service is run, so that none goes stale: the packaged
 * service on a fresh embedded database, each document's shell blocks in order in one bash, as a reader pastes them.
 * <ul>
 *   <li>Every {@code curl} must answer below 400, unless the line after it says the status ({@code ## 201 …}).</li>
 *   <li>A shell block is one fenced {@code sh} or {@code bash}, or an unlabelled one that calls the service
 *   ({@code curl}, {@code openssl pkeyutl}) or sets an upper-case variable; its blocks run in one bash with
 *   {@code set -euo pipefail}, so a script that checks something says its verdict by its status.</li>
 *   <li>A {@code json} block right after a shell block is the answer of that block's last call: it must be the same
 *   JSON, but for the fields that differ on every call (ids, times, hashes) and those its fence names after
 *   {@code varies=} ({@code ```json varies=code,seq}). An answer shown from another run (other data, shortened) is
 *   fenced {@code ```json illustrative} and not compared; any other block that looks like JSON right after a shell
 *   block fails, so that no answer shown goes unchecked unmarked.</li>
 *   <li>Blocks that deploy ({@code kubectl}) or benchmark ({@code mvn}, {@code java}) are not run here: the manifests
 *   are built and checked by KubernetesManifestTest, and the benchmarks are their own scripts. Nor are blocks that
 *   address another host (a deployment and its identity provider): BearerTokenTest runs that token exchange.</li>
 * </ul>
 */
class DocsExamplesIT {

    static final ObjectMapper JSON = new ObjectMapper();
    /** A fence: its language, what follows it on the line (attributes), its text. */
    static final Pattern FENCE = Pattern.compile("(?m)^```(\\w*)([^\\n]*)\\n(.*?)^```", Pattern.DOTALL);
    static final Pattern VARIES = Pattern.compile("\\bvaries=([\\w,]+)");
    static final Pattern EXPECTED_STATUS = Pattern.compile("^##\\s+(\\d{3})\\b");
    static final Set<String> VOLATILE = Set.of("decisionId", "decidedAt", "sha256", "id", "createdAt", "recordedAt",
            "fileSha256", "publishedAt", "draftedAt");
    static final List<String> NOT_RUN_HERE = List.of("kubectl ", "mvn ", "java ");
    /** A deployment and its identity provider (docs/identity.md): the token exchange is BearerTokenTest's. */
    static final Pattern OTHER_HOST = Pattern.compile("https?://(?!localhost[:/])");

    static PackagedService service;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        Path jar = Path.of(System.getProperty("lexrule.it.app", "target/it/quarkus-run.jar")).toAbsolutePath();
        assertThat(jar).as("the service packaged with -Dquarkus.profile=embedded").exists();
        work = Files.createTempDirectory("lexrule-docs-");
        service = PackagedService.start(jar, work, "docs",
                new PackagedService.Database(false, jar, null, null).arguments(work, false)).awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) service.close();
        PackagedService.deleteTree(work);
    }

    /** README first, then docs/ by name: the policy lifecycle's draft numbers count from the first draft made here. */
    @TestFactory
    Stream<DynamicTest> everyExampleInTheDocsRuns() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents.stream().map(doc -> DynamicTest.dynamicTest(doc.toString(), () -> run(doc)));
    }

    record Block(String info, String attributes, String text) {
        boolean isShell() {
            // a block labelled shell is a script to run; an unlabelled one may be a listing of endpoints or output
            boolean shell = info.equals("bash") || info.equals("sh") || info.isEmpty()
                    && (text.contains("curl ") || text.contains("openssl pkeyutl") || text.matches("(?s)^[A-Z_]+=.*"));
            return shell && NOT_RUN_HERE.stream().noneMatch(text::contains) && !OTHER_HOST.matcher(text).find();
        }

        boolean isIllustrative() {
            return List.of(attributes.trim().split("\\s+")).contains("illustrative");
        }

        /** The fields this answer's fence says differ on every run, besides {@link #VOLATILE}. */
        Set<String> varies() {
            Matcher varies = VARIES.matcher(attributes);
            return varies.find() ? Set.of(varies.group(1).split(",")) : Set.of();
        }
    }

    void run(Path document) throws Exception {
        String markdown = Files.readString(document);
        List<Block> blocks = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) blocks.add(new Block(fence.group(1), fence.group(2), fence.group(3)));
        if (blocks.stream().noneMatch(Block::isShell)) return;

        Path dir = work.resolve(document.getFileName().toString().replace(".md", ""));
        Path out = dir.resolve(".calls");
        Files.createDirectories(out);
        StringBuilder script = new StringBuilder("""
                set -euo pipefail
                # every call leaves its headers and body under $OUT, numbered within its block
                curl() {
                  local i=$(( $(cat "$OUT/$BLOCK.n" 2>/dev/null || echo 0) + 1 )); echo "$i" > "$OUT/$BLOCK.n"
                  command curl -D "$OUT/$BLOCK.$i.headers" "$@" | tee "$OUT/$BLOCK.$i.body"
                }
                """);
        for (int b = 0; b < blocks.size(); b++) {
            if (!blocks.get(b).isShell()) continue;
            script.append("BLOCK=").append(b).append('\n')
                    .append(blocks.get(b).text().replace("http://localhost:8080", service.baseUrl())).append('\n');
        }
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        bash.environment().put("OUT", out.toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: its examples, run in bash, exited with\n%s", document, output).isZero();

        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (!block.isShell()) continue;
            Map<Integer, Integer> expected = expectedStatuses(block.text());
            int calls = Files.exists(out.resolve(b + ".n")) ? Integer.parseInt(Files.readString(out.resolve(b + ".n")).trim()) : 0;
            for (int i = 1; i <= calls; i++) {
                int status = status(out.resolve(b + "." + i + ".headers"));
                String where = document + ", block " + (b + 1) + ", call " + i + ":\n" + block.text();
                if (expected.containsKey(i)) {
                    assertThat(status).as("the status the example says, %s", where).isEqualTo(expected.get(i));
                } else {
                    assertThat(status).as("%s\nanswered %s", where, Files.readString(out.resolve(b + "." + i + ".body")))
                            .isLessThan(400);
                }
            }
            Block next = b + 1 < blocks.size() ? blocks.get(b + 1) : null;
            if (next == null || next.isShell() || next.isIllustrative()) continue;
            if (!next.info().equals("json")) {
                assertThat(next.text().stripLeading()).as("%s, block %d: an answer shown after a shell block is fenced "
                        + "json (compared) or json illustrative", document, b + 2).doesNotStartWith("{").doesNotStartWith("[");
            } else if (calls > 0) {
                JsonNode shown = JSON.readTree(next.text());
                JsonNode answered = JSON.readTree(Files.readString(out.resolve(b + "." + calls + ".body")));
                List<String> differences = new ArrayList<>();
                compare("$", shown, answered, next.varies(), differences);
                assertThat(differences).as("%s, block %d: the answer shown after it is not what the service answers",
                        document, b + 1).isEmpty();
            }
        }
    }

    /** {@code ## 201 …} on the line after a call is the status that call must answer. */
    static Map<Integer, Integer> expectedStatuses(String block) {
        Map<Integer, Integer> expected = new java.util.HashMap<>();
        int calls = 0;
        for (String line : block.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("curl ")) calls++;
            Matcher status = EXPECTED_STATUS.matcher(trimmed);
            if (status.find() && calls > 0) expected.put(calls, Integer.parseInt(status.group(1)));
        }
        return expected;
    }

    static int status(Path headers) throws IOException {
        // the last status line: curl writes one per response it follows
        int status = -1;
        for (String line : Files.readAllLines(headers)) {
            if (line.startsWith("HTTP/")) status = Integer.parseInt(line.split(" ")[1]);
        }
        return status;
    }

    static void compare(String path, JsonNode shown, JsonNode answered, Set<String> varies, List<String> differences) {
        if (shown.isObject() && answered.isObject()) {
            Set<String> names = new TreeSet<>();
            shown.fieldNames().forEachRemaining(names::add);
            answered.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!shown.has(name)) differences.add(path + "." + name + " is answered but not shown");
                else if (!answered.has(name)) differences.add(path + "." + name + " is shown but not answered");
                else if (!VOLATILE.contains(name) && !varies.contains(name)) {
                    compare(path + "." + name, shown.get(name), answered.get(name), varies, differences);
                }
            }
        } else if (shown.isArray() && answered.isArray()) {
            if (shown.size() != answered.size()) {
                differences.add(path + ": " + shown.size() + " items shown, " + answered.size() + " answered: " + answered);
                return;
            }
            Iterator<JsonNode> a = answered.elements();
            int i = 0;
            for (JsonNode s : shown) compare(path + "[" + i++ + "]", s, a.next(), varies, differences);
        } else if (!shown.equals(answered)) {
            differences.add(path + ": shown " + shown + ", answered " + answered);
        }
    }
}
