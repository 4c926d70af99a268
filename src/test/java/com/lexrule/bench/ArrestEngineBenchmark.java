package com.lexrule.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.lexrule.arrest.ArrestAssessment;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.arrest.ArrestRequest;
import com.lexrule.arrest.ArrestService;
import com.lexrule.arrest.ProcedureStage;
import com.lexrule.arrest.SentenceBand;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyVersion;

/**
 * The engine alone: evaluations per second of the arrest policy on disk (no HTTP, no database), and the time to
 * compile it. Run: {@code mvn -Pbench test-compile exec:exec} (README, "Benchmarks").
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
public class ArrestEngineBenchmark {

    private PolicyBundle bundle;
    private CompiledPolicy policy;
    private ArrestService service;
    private PolicyCompiler compiler;
    private final ArrestRequest scored = new ArrestRequest("BENCH-1", "S-1", ProcedureStage.ARREST_REVIEW,
            "INTENTIONAL_INJURY", true, SentenceBand.UP_TO_3_YEARS, false, false, 34,
            List.of("THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY", "NO_FIXED_RESIDENCE"),
            List.of("PLEADED_GUILTY"), List.of(), false, null, null);
    private final ArrestRequest mandatory = new ArrestRequest("BENCH-2", "S-2", ProcedureStage.ARREST_REVIEW,
            "ROBBERY", true, SentenceBand.TEN_YEARS_OR_MORE, false, false, 29, List.of("FLIGHT_HISTORY"),
            List.of(), List.of("SOLE_CARER"), false, null, null);

    @Setup
    public void compile() {
        // As in the service (application.properties): Drools' debug logging off. Left on, formatting its trace
        // messages costs more than the evaluation itself.
        for (String logger : new String[] {"", "org.drools", "org.kie"}) {
            org.jboss.logmanager.Logger.getLogger(logger).setLevel(java.util.logging.Level.WARNING);
        }
        BaselineReader reader = new BaselineReader(Path.of("rules"), Path.of("decision-tables"));
        bundle = reader.read(ArrestFamily.NAME);
        compiler = new PolicyCompiler(List.of(new ArrestFamily()));
        policy = compiler.compile(version(), bundle);
        service = new ArrestService(null, new PolicyEvaluator(), null);
    }

    private PolicyVersion version() {
        return new PolicyVersion(ArrestFamily.NAME, 1, bundle.sha256(), bundle.manifest().effectiveFrom(), null, "bench", null);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ArrestAssessment evaluateScoredCase() {
        return service.evaluate(policy, scored, "bench", Instant.EPOCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ArrestAssessment evaluateMandatoryArrest() {
        return service.evaluate(policy, mandatory, "bench", Instant.EPOCH);
    }

    /** A full compile of the arrest policy (tables translated, DRL built), as on publish or start-up. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public CompiledPolicy compileArrestPolicy() {
        return compiler.compile(version(), bundle);
    }
}
