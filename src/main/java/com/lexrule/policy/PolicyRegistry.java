package com.lexrule.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import com.lexrule.problem.DatabaseUnavailable;

/**
 * Knows every published policy version and keeps the compiled ones. A version is compiled once and cached; a call
 * takes either the version it pins or the one in force on its date. The baseline on disk is published as a new
 * version when its content is new. A broken baseline stops the start; a broken reload leaves the last good
 * version serving.
 */
@ApplicationScoped
public class PolicyRegistry {

    private static final Logger LOG = Logger.getLogger(PolicyRegistry.class);
    static final String BASELINE_PUBLISHER = "baseline-import";

    private final PolicyStore store;
    private final PolicyCompiler compiler;
    private final BaselineReader baseline;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();
    private volatile Map<String, List<PolicyVersion>> versionsByFamily = Map.of();
    private volatile boolean ready;

    public PolicyRegistry(PolicyStore store, PolicyCompiler compiler, BaselineReader baseline, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.compiler = compiler;
        this.baseline = baseline;
        this.clock = clock;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        for (String family : baseline.families()) {
            // Throws with every problem placed by file and cell: the service does not start on a broken baseline.
            importBaseline(family, baseline.read(family));
        }
        refresh();
        for (String family : versionsByFamily.keySet()) {
            current(family);
        }
        ready = true;
        LOG.infof("policies ready: %s", versionsByFamily.keySet());
    }

    public boolean isReady() {
        return ready;
    }

    /** Re-reads the baseline on disk and publishes what is new; a family that fails keeps its last good version. */
    public Map<String, Object> reloadBaseline() {
        Map<String, Object> outcome = new LinkedHashMap<>();
        List<PolicyCompilationException> failures = new ArrayList<>();
        for (String family : baseline.families()) {
            try {
                Optional<PolicyVersion> published = importBaseline(family, baseline.read(family));
                outcome.put(family, published.map(v -> (Object) ("published version " + v.version())).orElse("unchanged"));
            } catch (PolicyCompilationException e) {
                LOG.warnf("baseline reload of %s refused, still serving the last good version: %s", family, e.getMessage());
                failures.add(e);
            }
        }
        refresh();
        if (!failures.isEmpty()) {
            throw failures.size() == 1 ? failures.get(0) : new PolicyCompilationException(
                    failures.stream().map(PolicyCompilationException::family).collect(Collectors.joining(",")),
                    failures.stream().flatMap(f -> f.problems().stream()).toList());
        }
        return outcome;
    }

    private Optional<PolicyVersion> importBaseline(String family, PolicyBundle bundle) {
        if (store.findByContent(family, bundle.sha256()).isPresent()) {
            return Optional.empty();
        }
        // Compile before publishing: a version that was published always compiled.
        CompiledPolicy trial = compile(new PolicyVersion(family, 0, bundle.sha256(), bundle.manifest().effectiveFrom(),
                bundle.manifest().changeNote(), BASELINE_PUBLISHER, null), bundle);
        PolicyVersion version = store.publish(bundle, BASELINE_PUBLISHER);
        compiled.put(key(family, version.version()), new CompiledPolicy(version, bundle, trial.kieBase(), trial.catalog(),
                trial.rulesPerFile(), trial.compileTime()));
        LOG.infof("published baseline %s as version %d (sha256 %s)", family, version.version(), version.sha256());
        return Optional.of(version);
    }

    /**
     * Picks up versions that another replica, or the officers' workflow, has published: every replica polls the
     * database ({@code lexrule.policy.poll-interval}) and compiles what is new here, off the request path.
     */
    @Scheduled(every = "${lexrule.policy.poll-interval:10s}", delayed = "${lexrule.policy.poll-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!ready) return;
        try {
            refresh();
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causes(e)) throw e;
            // the versions already compiled keep serving; the next poll tries again
            DatabaseUnavailable.warn("policy poll", e);
        }
    }

    /**
     * Reads the published versions and makes a family's new list visible only once the versions callers will ask
     * for (the one in force today and any effective later) have compiled: no request compiles a version or waits
     * for one, and a request that already holds the previous version finishes on it. A family whose new version
     * does not compile on this replica keeps its previous list, and is tried again at the next poll.
     */
    public synchronized void refresh() {
        Map<String, List<PolicyVersion>> fresh = store.versions().stream().collect(Collectors.groupingBy(PolicyVersion::family,
                LinkedHashMap::new, Collectors.toList()));
        LocalDate today = today();
        Map<String, List<PolicyVersion>> visible = new LinkedHashMap<>();
        for (Map.Entry<String, List<PolicyVersion>> family : fresh.entrySet()) {
            Optional<PolicyVersion> inForce = latestInForce(family.getValue(), today);
            boolean compiledAll = true;
            for (PolicyVersion version : family.getValue()) {
                boolean askedFor = inForce.map(v -> v.version() == version.version()).orElse(false)
                        || version.effectiveFrom().isAfter(today);
                if (!askedFor) continue;
                try {
                    compiled.computeIfAbsent(key(family.getKey(), version.version()),
                            k -> compile(version, store.bundle(family.getKey(), version.version())));
                } catch (RuntimeException e) {
                    compiledAll = false;
                    LOG.errorf("policy %s v%d could not be compiled on refresh; the previous versions keep serving: %s",
                            family.getKey(), version.version(), e.getMessage());
                }
            }
            List<PolicyVersion> previous = versionsByFamily.get(family.getKey());
            visible.put(family.getKey(), compiledAll || previous == null ? List.copyOf(family.getValue()) : previous);
        }
        versionsByFamily = visible;
    }

    /** Compiles a bundle that is not published (a draft, or a version about to be): throws with every problem placed. */
    public CompiledPolicy compileTrial(PolicyBundle bundle, String by) {
        return compile(new PolicyVersion(bundle.family(), 0, bundle.sha256(), bundle.manifest().effectiveFrom(),
                bundle.manifest().changeNote(), by, null), bundle);
    }

    /**
     * Makes a version this replica has just published available here at once, reusing the knowledge base compiled
     * before publishing; the other replicas find it at their next poll.
     */
    public void install(PolicyVersion version, PolicyBundle bundle, CompiledPolicy trial) {
        compiled.put(key(version.family(), version.version()), new CompiledPolicy(version, bundle, trial.kieBase(),
                trial.catalog(), trial.rulesPerFile(), trial.compileTime()));
        refresh();
    }

    private static Optional<PolicyVersion> latestInForce(List<PolicyVersion> versions, LocalDate today) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(today))
                .max(Comparator.comparing(PolicyVersion::effectiveFrom).thenComparingInt(PolicyVersion::version));
    }

    public List<String> families() {
        return List.copyOf(versionsByFamily.keySet());
    }

    public List<PolicyVersion> versions(String family) {
        return versionsByFamily.getOrDefault(family, List.of());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The version in force today. */
    public CompiledPolicy current(String family) {
        return resolve(family, null);
    }

    /**
     * The policy a call is decided under: the version it pins, which must exist and be in force, or else the
     * latest version whose effective date has come.
     */
    public CompiledPolicy resolve(String family, Integer pinnedVersion) {
        LocalDate today = today();
        List<PolicyVersion> versions = versions(family);
        PolicyVersion chosen;
        if (pinnedVersion != null) {
            chosen = versions.stream().filter(v -> v.version() == pinnedVersion).findFirst()
                    .orElseThrow(() -> new UnknownPolicyVersionException(family,
                            "政策版本 " + family + " v" + pinnedVersion + " 不存在 (no such policy version)", versions));
            if (chosen.effectiveFrom().isAfter(today)) {
                throw new UnknownPolicyVersionException(family, "政策版本 " + family + " v" + pinnedVersion + " 自 "
                        + chosen.effectiveFrom() + " 起生效，尚未生效 (not yet in force)", versions);
            }
        } else {
            chosen = latestInForce(versions, today)
                    .orElseThrow(() -> new UnknownPolicyVersionException(family,
                            "政策族 " + family + " 今日没有生效的版本 (no version in force today)", versions));
        }
        PolicyVersion version = chosen;
        return compiled.computeIfAbsent(key(family, version.version()),
                k -> compile(version, store.bundle(family, version.version())));
    }

    private CompiledPolicy compile(PolicyVersion version, PolicyBundle bundle) {
        Timer.Sample sample = Timer.start(meters);
        CompiledPolicy policy = compiler.compile(version, bundle);
        sample.stop(meters.timer("lexrule.policy.compile", "family", version.family()));
        LOG.infof("compiled %s %s in %d ms, rules per file: %s", version.family(),
                version.version() == 0 ? "sha256 " + version.sha256() : "v" + version.version(),
                policy.compileTime().toMillis(), policy.rulesPerFile());
        return policy;
    }

    private static String key(String family, int version) {
        return family + "#" + version;
    }
}
