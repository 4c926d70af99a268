package com.lexrule.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import com.lexrule.problem.DatabaseUnavailable;

/**
 * Knows every published policy version and keeps the compiled ones. A call takes either the version it pins or the
 * one in force on its date. The versions callers ask for without a pin (in force today, or effective later) are
 * compiled before they become visible and stay compiled; older versions, compiled when a call pins them, are kept
 * in a bounded cache of the most recently used ({@code lexrule.policy.pinned-versions-kept}), so that a service
 * that publishes for years holds a bounded number of knowledge bases. The baseline on disk is published as a new
 * version when its content is new; a restart with an unchanged baseline publishes nothing. Families compile in
 * parallel. A broken baseline stops the start; a broken reload leaves the last good version serving.
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
    /**
     * What this replica serves: the versions of each family and the compiled ones asked for without a pin, by
     * family#version. Replaced as a whole, in one write, by each refresh: a request reads one state, never the new
     * list with the old knowledge bases.
     */
    private record Served(Map<String, List<PolicyVersion>> versionsByFamily, Map<String, CompiledPolicy> inForce) {
    }

    private volatile Served served = new Served(Map.of(), Map.of());
    /** Versions just published here, compiled before publishing: the next refresh takes them in, so none compiles twice. */
    private final Map<String, CompiledPolicy> awaitingRefresh = new java.util.concurrent.ConcurrentHashMap<>();
    /** Versions compiled for a pin, or superseded: the most recently used, bounded. */
    private final Cache<String, CompiledPolicy> pinned;
    /**
     * Drafts another replica validated, compiled here ahead of their approval, by {@link PolicyBundle#compileSha256}:
     * when one is published, this replica relabels the knowledge base instead of compiling after the fact.
     */
    private final Cache<String, CompiledPolicy> precompiled;
    private volatile boolean ready;

    public PolicyRegistry(PolicyStore store, PolicyCompiler compiler, BaselineReader baseline, Clock clock, MeterRegistry meters,
                          @ConfigProperty(name = "lexrule.policy.pinned-versions-kept", defaultValue = "8") int pinnedVersionsKept) {
        if (pinnedVersionsKept < 1) {
            throw new IllegalArgumentException("lexrule.policy.pinned-versions-kept must be at least 1");
        }
        this.store = store;
        this.compiler = compiler;
        this.baseline = baseline;
        this.clock = clock;
        this.meters = meters;
        // Eviction runs on the caller's thread: the size is exact when the call returns, and no pool is needed.
        this.pinned = Caffeine.newBuilder().maximumSize(pinnedVersionsKept).executor(Runnable::run).build();
        this.precompiled = Caffeine.newBuilder().maximumSize(pinnedVersionsKept).executor(Runnable::run).build();
        meters.gauge("lexrule.policy.compiled.versions", this, PolicyRegistry::compiledVersions);
    }

    void onStart(@Observes StartupEvent event) {
        long started = System.nanoTime();
        List<String> families = baseline.families();
        Map<String, PolicyBundle> bundles = new LinkedHashMap<>();
        for (String family : families) {
            PolicyBundle bundle = baseline.read(family);
            if (store.findByContent(family, bundle.sha256()).isEmpty()) {
                bundles.put(family, bundle);
            }
        }
        // Throws with every problem placed by file and cell: the service does not start on a broken baseline.
        Map<String, CompiledPolicy> trials = compileAll(bundles.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> () -> compileTrial(e.getValue(), BASELINE_PUBLISHER), (a, b) -> a, LinkedHashMap::new)), true);
        for (Map.Entry<String, CompiledPolicy> trial : trials.entrySet()) {
            publish(bundles.get(trial.getKey()), trial.getValue());
        }
        refresh();
        for (String family : served.versionsByFamily().keySet()) {
            current(family);
        }
        ready = true;
        LOG.infof("policies ready in %d ms: %s", (System.nanoTime() - started) / 1_000_000, served.versionsByFamily().keySet());
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
            throw combined(failures);
        }
        return outcome;
    }

    private Optional<PolicyVersion> importBaseline(String family, PolicyBundle bundle) {
        if (store.findByContent(family, bundle.sha256()).isPresent()) {
            return Optional.empty();
        }
        // Compile before publishing: a version that was published always compiled.
        return Optional.of(publish(bundle, compileTrial(bundle, BASELINE_PUBLISHER)));
    }

    private PolicyVersion publish(PolicyBundle bundle, CompiledPolicy trial) {
        PolicyVersion version = store.publish(bundle, BASELINE_PUBLISHER);
        awaitingRefresh.put(key(version.family(), version.version()), trial.as(version, bundle));
        LOG.infof("published baseline %s as version %d (sha256 %s)", version.family(), version.version(), version.sha256());
        return version;
    }

    /**
     * Picks up versions that another replica has published. On PostgreSQL the publisher's notification
     * ({@link PolicyNotifications}) starts a refresh at once; this poll ({@code lexrule.policy.poll-interval}) is the
     * fallback everywhere, for a notification lost while the listener reconnected, and the only way on H2.
     */
    @Scheduled(every = "${lexrule.policy.poll-interval:10s}", delayed = "${lexrule.policy.poll-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!ready) return;
        try {
            refresh("poll");
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
    public void refresh() {
        refresh("local");
    }

    /**
     * {@link #refresh()}, noting how the refresh was started ({@code notify}, {@code poll}, {@code local}) in the
     * notification lag of each version it makes visible that another replica published.
     */
    public synchronized void refresh(String via) {
        Served was = served;
        Map<String, List<PolicyVersion>> versionsByFamily = was.versionsByFamily();
        Map<String, List<PolicyVersion>> fresh = store.versions().stream().collect(Collectors.groupingBy(PolicyVersion::family,
                LinkedHashMap::new, Collectors.toList()));
        LocalDate today = today();
        Map<String, CompiledPolicy> previous = was.inForce();
        // A version published while this runs stays for the refresh its publisher calls next.
        Map<String, CompiledPolicy> published = Map.copyOf(awaitingRefresh);
        Map<String, CompiledPolicy> kept = new LinkedHashMap<>();
        Map<String, Supplier<CompiledPolicy>> missing = new LinkedHashMap<>();
        for (Map.Entry<String, List<PolicyVersion>> family : fresh.entrySet()) {
            Optional<PolicyVersion> current = latestInForce(family.getValue(), today);
            for (PolicyVersion version : family.getValue()) {
                boolean askedFor = current.map(v -> v.version() == version.version()).orElse(false)
                        || version.effectiveFrom().isAfter(today);
                if (!askedFor) continue;
                String key = key(family.getKey(), version.version());
                CompiledPolicy known = previous.get(key);
                if (known == null) known = published.get(key);
                if (known == null) known = pinned.getIfPresent(key);
                if (known != null) {
                    kept.put(key, known);
                } else {
                    missing.put(key, () -> reuseOrCompile(version, store.bundle(family.getKey(), version.version()), previous, published));
                }
            }
        }
        kept.putAll(compileAll(missing, false));
        Map<String, List<PolicyVersion>> visible = new LinkedHashMap<>();
        for (Map.Entry<String, List<PolicyVersion>> family : fresh.entrySet()) {
            boolean compiledAll = missing.keySet().stream().filter(k -> k.startsWith(family.getKey() + "#")).allMatch(kept::containsKey);
            List<PolicyVersion> before = versionsByFamily.get(family.getKey());
            if (compiledAll || before == null) {
                visible.put(family.getKey(), List.copyOf(family.getValue()));
            } else {
                // The family keeps serving its previous list, so its previous versions stay compiled too.
                visible.put(family.getKey(), before);
                previous.forEach((k, v) -> { if (v.family().equals(family.getKey())) kept.putIfAbsent(k, v); });
            }
        }
        // A superseded version may still be pinned: it joins the recently used ones instead of being dropped.
        previous.forEach((k, v) -> { if (!kept.containsKey(k)) pinned.put(k, v); });
        published.forEach((k, v) -> {
            awaitingRefresh.remove(k);
            if (!kept.containsKey(k)) pinned.put(k, v);
        });
        kept.keySet().forEach(pinned::invalidate);
        served = new Served(visible, Map.copyOf(kept));
        recordLag(versionsByFamily, visible, published.keySet(), via);
    }

    /**
     * For each version now visible that was not before and was not published here: how long after its publication
     * (its compile on the publishing replica finished just before) this replica switched to it.
     */
    private void recordLag(Map<String, List<PolicyVersion>> before, Map<String, List<PolicyVersion>> now,
                           java.util.Set<String> publishedHere, String via) {
        if (before.isEmpty()) return; // the start: nothing was switched from
        java.time.Instant switched = java.time.Instant.now(clock);
        now.forEach((family, versions) -> {
            List<PolicyVersion> old = before.getOrDefault(family, List.of());
            for (PolicyVersion version : versions) {
                if (version.publishedAt() == null || publishedHere.contains(key(family, version.version()))) continue;
                if (old.stream().anyMatch(v -> v.version() == version.version())) continue;
                java.time.Duration lag = java.time.Duration.between(version.publishedAt(), switched);
                Timer.builder("lexrule.policy.notification.lag")
                        .description("From a version's publication on another replica (its compile there had finished) "
                                + "to this replica serving it")
                        .tag("family", family).tag("via", via).publishPercentileHistogram()
                        .minimumExpectedValue(java.time.Duration.ofMillis(10)).maximumExpectedValue(java.time.Duration.ofSeconds(60))
                        .register(meters).record(lag.isNegative() ? java.time.Duration.ZERO : lag);
                LOG.infof("serving %s v%d, published %d ms ago on another replica (via %s)", family, version.version(),
                        lag.toMillis(), via);
            }
        });
    }

    /**
     * Compiles each entry on its own thread (the families are independent; on 2 cores two compile at once), and
     * returns those that compiled. With {@code failFast}, the refusals are thrown together, every problem placed;
     * otherwise a failure is logged and its entry left out.
     */
    private Map<String, CompiledPolicy> compileAll(Map<String, Supplier<CompiledPolicy>> work, boolean failFast) {
        Map<String, CompiledPolicy> done = new LinkedHashMap<>();
        if (work.isEmpty()) {
            return done;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int threads = Math.min(work.size(), Math.max(1, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "policy-compile");
            thread.setDaemon(true);
            // Drools resolves the fact classes named in the rules through the context class loader.
            thread.setContextClassLoader(loader);
            return thread;
        });
        try {
            Map<String, Future<CompiledPolicy>> running = new LinkedHashMap<>();
            work.forEach((key, compile) -> running.put(key, pool.submit(compile::get)));
            List<PolicyCompilationException> refused = new ArrayList<>();
            for (Map.Entry<String, Future<CompiledPolicy>> entry : running.entrySet()) {
                try {
                    done.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (failFast) {
                        if (cause instanceof PolicyCompilationException refusal) {
                            refused.add(refusal);
                            continue;
                        }
                        throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
                    }
                    LOG.errorf("policy %s could not be compiled on refresh; the previous versions keep serving: %s",
                            entry.getKey(), cause.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while compiling policies", e);
                }
            }
            if (!refused.isEmpty()) {
                throw combined(refused);
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    private static PolicyCompilationException combined(List<PolicyCompilationException> failures) {
        return failures.size() == 1 ? failures.get(0) : new PolicyCompilationException(
                failures.stream().map(PolicyCompilationException::family).collect(Collectors.joining(",")),
                failures.stream().flatMap(f -> f.problems().stream()).toList());
    }

    /**
     * The version as a knowledge base this replica already holds for the same files (a rollback to a version it
     * serves or keeps, a draft it compiled ahead, the baseline again), relabelled; else compiled. A compile is
     * seconds on a loaded pod; the relabel is nothing, and it is what lets a replica switch within the second.
     */
    private CompiledPolicy reuseOrCompile(PolicyVersion version, PolicyBundle bundle, Map<String, CompiledPolicy> previous,
                                          Map<String, CompiledPolicy> published) {
        String compileKey = bundle.compileSha256();
        CompiledPolicy same = precompiled.getIfPresent(compileKey);
        if (same == null) {
            same = java.util.stream.Stream.of(previous.values(), published.values(), pinned.asMap().values())
                    .flatMap(java.util.Collection::stream)
                    .filter(c -> c.family().equals(version.family()) && c.bundle().compileSha256().equals(compileKey))
                    .findFirst().orElse(null);
        }
        if (same == null) {
            return compile(version, bundle);
        }
        LOG.infof("%s v%d: the same rules and tables as a knowledge base held here (v%d), used without compiling again",
                version.family(), version.version(), same.version().version());
        return same.as(version, bundle);
    }

    /**
     * Compiles, off the request path, a draft another replica has validated, so that its approval finds it compiled
     * here too ({@link #reuseOrCompile}). A draft that does not compile here is left for the compile after publication.
     *
     * @return the knowledge base compiled now, to be warmed by the caller; empty if it was held already or does not compile
     */
    public Optional<CompiledPolicy> precompile(PolicyBundle bundle, String by) {
        String compileKey = bundle.compileSha256();
        if (precompiled.getIfPresent(compileKey) != null) return Optional.empty();
        try {
            CompiledPolicy compiled = compileTrial(bundle, by);
            precompiled.put(compileKey, compiled);
            LOG.infof("a draft of %s by %s compiled ahead of its approval", bundle.family(), by);
            return Optional.of(compiled);
        } catch (PolicyCompilationException e) {
            LOG.warnf("draft of %s by %s does not compile here; it compiles again if it is published: %s", bundle.family(), by,
                    e.getMessage());
            return Optional.empty();
        }
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
        awaitingRefresh.put(key(version.family(), version.version()), trial.as(version, bundle));
        refresh();
    }

    private static Optional<PolicyVersion> latestInForce(List<PolicyVersion> versions, LocalDate today) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(today))
                .max(Comparator.comparing(PolicyVersion::effectiveFrom).thenComparingInt(PolicyVersion::version));
    }

    public List<String> families() {
        return List.copyOf(served.versionsByFamily().keySet());
    }

    public List<PolicyVersion> versions(String family) {
        return served.versionsByFamily().getOrDefault(family, List.of());
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
        Served now = served;
        List<PolicyVersion> versions = now.versionsByFamily().getOrDefault(family, List.of());
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
        String key = key(family, version.version());
        CompiledPolicy policy = now.inForce().get(key);
        if (policy != null) {
            return policy;
        }
        // An older version pinned by a call: compiled once while it stays among the most recently used.
        return pinned.get(key, k -> compile(version, store.bundle(family, version.version())));
    }

    /**
     * A published version's files: those of the compiled version this replica holds, whose spreadsheets are already
     * read into their table models, or else read from the database.
     */
    public PolicyBundle bundle(String family, int version) {
        String key = key(family, version);
        CompiledPolicy held = served.inForce().get(key);
        if (held == null) held = awaitingRefresh.get(key);
        if (held == null) held = pinned.getIfPresent(key);
        return held != null ? held.bundle() : store.bundle(family, version);
    }

    /** How many compiled versions this replica holds: those in force and the pinned ones kept. */
    public int compiledVersions() {
        return served.inForce().size() + (int) pinned.estimatedSize();
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
