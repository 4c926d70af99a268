package com.lexrule.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The manifests an operator applies, read as kubectl renders them ({@code kubectl kustomize k8s/overlays/...}) and
 * held against what the application and its build declare: application.properties, pom.xml and the Dockerfile.
 * A setting changed on one side only fails here, before a pod fails its probes or a node's disk fills.
 * Jackson's YAML reader arrives with quarkus-smallrye-openapi.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Pattern TMPDIR = Pattern.compile("-Djava\\.io\\.tmpdir=(\\S+?)[\"\\s]");

    private final Map<String, List<JsonNode>> rendered = new HashMap<>();
    private Properties application;

    @BeforeAll
    void renderBothOverlays() throws Exception {
        Assumptions.assumeTrue(kubectlAvailable(),
                "kubectl is not on the PATH: the Kubernetes manifests are not rendered or checked on this machine");
        for (String overlay : List.of("dev", "prod")) {
            rendered.put(overlay, kustomize(PROJECT.resolve("k8s/overlays").resolve(overlay)));
        }
        application = new Properties();
        try (Reader in = Files.newBufferedReader(PROJECT.resolve("src/main/resources/application.properties"))) {
            application.load(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void probesAskTheQuarkusHealthPathsOnThePortTheApplicationListensOn(String overlay) {
        JsonNode container = lexruleContainer(overlay);
        int port = Integer.parseInt(prodSetting("quarkus.http.port", "8080"));
        String health = "/" + prodSetting("quarkus.http.non-application-root-path", "q") + "/"
                + prodSetting("quarkus.smallrye-health.root-path", "health") + "/";

        assertThat(container.at("/livenessProbe/httpGet/path").asText())
                .isEqualTo(health + prodSetting("quarkus.smallrye-health.liveness-path", "live"));
        assertThat(container.at("/readinessProbe/httpGet/path").asText())
                .isEqualTo(health + prodSetting("quarkus.smallrye-health.readiness-path", "ready"));
        assertThat(container.at("/startupProbe/httpGet/path").asText())
                .isEqualTo(health + prodSetting("quarkus.smallrye-health.startup-path", "started"));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(containerPort(container, container.at("/" + probe + "/httpGet/port")))
                    .as(probe + " port").isEqualTo(port);
        }
        JsonNode service = one(overlay, "Service", "lexrule");
        assertThat(containerPort(container, service.at("/spec/ports/0/targetPort"))).as("Service targetPort").isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerRunsUnprivilegedOnAReadOnlyRootFilesystem(String overlay) {
        List<JsonNode> podSpecs = podSpecs(overlay);
        assertThat(podSpecs).isNotEmpty();
        for (JsonNode pod : podSpecs) {
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as("token automount").isFalse();
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            for (JsonNode container : pod.path("containers")) {
                String name = container.path("name").asText();
                JsonNode security = container.path("securityContext");
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name + " readOnlyRootFilesystem").isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name + " allowPrivilegeEscalation").isFalse();
                assertThat(texts(security.at("/capabilities/drop"))).as(name + " capabilities dropped").contains("ALL");
                assertThat(container.at("/resources/limits/memory").isMissingNode()).as(name + " memory limit").isFalse();
                assertThat(container.at("/resources/requests/cpu").isMissingNode()).as(name + " cpu request").isFalse();
            }
        }
        JsonNode account = one(overlay, "ServiceAccount", "lexrule");
        assertThat(account.path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPathTheServiceWritesIsAWritableVolume(String overlay) throws IOException {
        JsonNode container = lexruleContainer(overlay);
        JsonNode pod = one(overlay, "Deployment", "lexrule").at("/spec/template/spec");
        Set<String> volumes = StreamSupport.stream(pod.path("volumes").spliterator(), false)
                .map(v -> v.path("name").asText()).collect(Collectors.toSet());
        for (JsonNode mount : container.path("volumeMounts")) {
            assertThat(volumes).as("volume of mount " + mount.path("mountPath").asText()).contains(mount.path("name").asText());
        }

        Matcher tmp = TMPDIR.matcher(Files.readString(PROJECT.resolve("src/main/docker/Dockerfile.jvm")));
        assertThat(tmp.find()).as("the Dockerfile sets java.io.tmpdir").isTrue();
        List<String> writable = List.of(tmp.group(1), setting(overlay, "lexrule.audit.checkpoint-dir"));
        for (String path : writable) {
            JsonNode mount = mountAt(container, path);
            assertThat(mount).as("a volume mounted at " + path).isNotNull();
            assertThat(mount.path("readOnly").asBoolean(false)).as(path + " is writable").isFalse();
        }

        for (String keyFile : List.of("lexrule.audit.hmac-key-file", "lexrule.audit.signing-key-file",
                "lexrule.audit.signing-public-key-file")) {
            String file = setting(overlay, keyFile);
            JsonNode mount = mountAt(container, file.substring(0, file.lastIndexOf('/')));
            assertThat(mount).as("a volume holding " + file).isNotNull();
            assertThat(mount.path("readOnly").asBoolean()).as(file + " is read-only").isTrue();
            JsonNode volume = volume(pod, mount.path("name").asText());
            assertThat(volume.at("/secret/secretName").asText()).startsWith("lexrule-audit-keys");
            assertThat(texts(volume.at("/secret/items"), "path")).contains(file.substring(file.lastIndexOf('/') + 1));
        }
    }

    @Test
    void productionKeepsCheckpointsOnAClaimAndRunsAtLeastTwoReplicas() {
        JsonNode deployment = one("prod", "Deployment", "lexrule");
        JsonNode pod = deployment.at("/spec/template/spec");
        String claim = volume(pod, mountAt(lexruleContainer("prod"), setting("prod", "lexrule.audit.checkpoint-dir"))
                .path("name").asText()).at("/persistentVolumeClaim/claimName").asText();
        assertThat(claim).as("checkpoint volume claim").isNotEmpty();
        assertThat(one("prod", "PersistentVolumeClaim", claim)).isNotNull();

        assertThat(deployment.at("/spec/replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode hpa = one("prod", "HorizontalPodAutoscaler", "lexrule");
        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        assertThat(one("prod", "PodDisruptionBudget", "lexrule")).isNotNull();
        assertThat(one("prod", "NetworkPolicy", "lexrule").at("/spec/policyTypes").toString())
                .contains("Ingress").contains("Egress");
    }

    @Test
    void productionAppliesNoSecretOnlyReferencesToOnes() {
        List<String> secrets = rendered.get("prod").stream().filter(o -> o.path("kind").asText().equals("Secret"))
                .map(o -> o.at("/metadata/name").asText()).toList();
        assertThat(secrets).as("Secrets in the prod overlay").isEmpty();

        JsonNode container = lexruleContainer("prod");
        for (String variable : List.of("LEXRULE_DB_URL", "LEXRULE_DB_USER", "LEXRULE_DB_PASSWORD")) {
            JsonNode entry = envEntry(container, variable);
            assertThat(entry.path("value").isMissingNode()).as(variable + " has no literal value").isTrue();
            assertThat(entry.at("/valueFrom/secretKeyRef/name").asText()).as(variable).isEqualTo("lexrule-db");
        }
    }

    /** docs/identity.md: the issuer from the ConfigMap, the console's secret by reference, egress to the provider. */
    @Test
    void productionTakesTheIdentityProviderFromTheConfigMapAndTheConsoleSecretByReference() {
        JsonNode container = lexruleContainer("prod");
        JsonNode secret = envEntry(container, "LEXRULE_OIDC_CONSOLE_SECRET");
        assertThat(secret.path("value").isMissingNode()).isTrue();
        assertThat(secret.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("lexrule-oidc");
        assertThat(setting("prod", "lexrule.identity.roles-claim")).isNotBlank();
        assertThat(setting("dev", "lexrule.identity.issuer")).startsWith("http");
        List<Integer> egressPorts = new ArrayList<>();
        one("prod", "NetworkPolicy", "lexrule").at("/spec/egress").forEach(rule -> rule.path("ports")
                .forEach(port -> egressPorts.add(port.path("port").asInt())));
        assertThat(egressPorts).as("egress ports: DNS, PostgreSQL, the identity provider").contains(53, 5432, 443);
    }

    @Test
    void theDevelopmentOverlayRunsOneReplicaWithItsOwnPostgres() {
        assertThat(one("dev", "Deployment", "lexrule").at("/spec/replicas").asInt()).isEqualTo(1);
        JsonNode postgres = one("dev", "StatefulSet", "lexrule-postgres");
        assertThat(postgres.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isNotEmpty();
        assertThat(one("dev", "Service", "lexrule-postgres")).isNotNull();
        assertThat(kinds("dev")).doesNotContain("HorizontalPodAutoscaler", "PodDisruptionBudget");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theImageTagIsTheArtifactVersionOfThePom(String overlay) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(PROJECT.resolve("pom.xml").toFile()).getDocumentElement();
        String version = null;
        for (org.w3c.dom.Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("version")) {
                version = e.getTextContent().trim();
            }
        }
        assertThat(version).isNotBlank();
        String image = lexruleContainer(overlay).path("image").asText();
        assertThat(image.substring(image.lastIndexOf(':') + 1)).as(image).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyLexruleSettingOfTheApplicationIsInTheConfigMap(String overlay) {
        JsonNode container = lexruleContainer(overlay);
        String configMapName = container.at("/envFrom/0/configMapRef/name").asText();
        JsonNode data = one(overlay, "ConfigMap", configMapName).path("data");
        Set<String> inConfigMap = new TreeSet<>();
        data.fieldNames().forEachRemaining(inConfigMap::add);

        Set<String> inApplication = new TreeSet<>();
        for (String key : application.stringPropertyNames()) {
            String unprofiled = key.startsWith("%prod.") ? key.substring("%prod.".length()) : key;
            if (unprofiled.startsWith("lexrule.")) {
                inApplication.add(unprofiled);
            }
        }
        assertThat(inApplication).isNotEmpty();
        assertThat(inConfigMap).as("ConfigMap " + configMapName).containsAll(inApplication);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aStoppingPodDrainsWithinItsGracePeriod(String overlay) {
        JsonNode pod = one(overlay, "Deployment", "lexrule").at("/spec/template/spec");
        JsonNode preStop = lexruleContainer(overlay).at("/lifecycle/preStop/exec/command");
        assertThat(preStop.get(0).asText()).isEqualTo("sleep");
        long sleep = preStop.get(1).asLong();
        Duration shutdown = quarkusDuration(prodSetting("quarkus.shutdown.timeout", "0s"));
        assertThat(sleep).as("preStop sleep, seconds").isPositive();
        assertThat(shutdown).as("quarkus.shutdown.timeout of the prod profile").isPositive();
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .isGreaterThan(sleep + shutdown.toSeconds());
    }

    // --- rendering and reading ---------------------------------------------------------------------------------

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<JsonNode> kustomize(Path overlay) throws Exception {
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectError(errors.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize " + overlay + " finished").isTrue();
            assertThat(p.exitValue()).as("kubectl kustomize " + overlay + ": " + Files.readString(errors)).isZero();
            List<JsonNode> objects = new ArrayList<>();
            new YAMLMapper().readerFor(JsonNode.class).readValues(new String(out, StandardCharsets.UTF_8))
                    .forEachRemaining(o -> objects.add((JsonNode) o));
            return objects;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The value the prod profile sees: {@code %prod.key}, else {@code key}, else Quarkus' default. */
    private String prodSetting(String key, String quarkusDefault) {
        return application.getProperty("%prod." + key, application.getProperty(key, quarkusDefault));
    }

    private static Duration quarkusDuration(String value) {
        String v = value.trim();
        return Character.isDigit(v.charAt(v.length() - 1)) ? Duration.ofSeconds(Long.parseLong(v))
                : Duration.parse("PT" + v.toUpperCase());
    }

    private JsonNode one(String overlay, String kind, String name) {
        List<JsonNode> found = rendered.get(overlay).stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.at("/metadata/name").asText().equals(name))
                .toList();
        assertThat(found).as(kind + " " + name + " in " + overlay).hasSize(1);
        return found.get(0);
    }

    private Set<String> kinds(String overlay) {
        return rendered.get(overlay).stream().map(o -> o.path("kind").asText()).collect(Collectors.toSet());
    }

    private List<JsonNode> podSpecs(String overlay) {
        return rendered.get(overlay).stream()
                .filter(o -> Set.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(o.path("kind").asText()))
                .map(o -> o.at("/spec/template/spec")).toList();
    }

    private JsonNode lexruleContainer(String overlay) {
        for (JsonNode c : one(overlay, "Deployment", "lexrule").at("/spec/template/spec/containers")) {
            if (c.path("name").asText().equals("lexrule")) {
                return c;
            }
        }
        throw new AssertionError("no container lexrule in the Deployment of " + overlay);
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port.asText());
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no environment variable " + name);
    }

    /** A setting as the pod receives it: from the ConfigMap its container takes its environment from. */
    private String setting(String overlay, String key) {
        String configMap = lexruleContainer(overlay).at("/envFrom/0/configMapRef/name").asText();
        JsonNode value = one(overlay, "ConfigMap", configMap).path("data").path(key);
        assertThat(value.isTextual()).as(key + " in ConfigMap " + configMap).isTrue();
        return value.asText();
    }

    private static String env(JsonNode container, String name) {
        return envEntry(container, name).path("value").asText();
    }

    private static JsonNode mountAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m;
            }
        }
        return null;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
