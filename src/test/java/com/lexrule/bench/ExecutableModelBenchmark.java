package com.lexrule.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestAssessment;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.arrest.ArrestRequest;
import com.lexrule.arrest.ArrestDefinition;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyVersion;

/**
 * The arrest scored case evaluated over the knowledge base the service builds (DRL, MVEL constraints) and over the
 * same rules and tables built as Drools' executable model (rules compiled to Java lambdas), each with reused
 * sessions, in one run. Run: {@code mvn -B -q -Pbench test-compile exec:exec -Dbench.args="ExecutableModel -prof gc"}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExecutableModelBenchmark {

    private CompiledPolicy drl;
    private CompiledPolicy executableModel;
    private AssessmentPipeline service;
    private final ArrestDefinition arrest = new ArrestDefinition();
    private ArrestRequest scored;

    @Setup
    public void compile() throws Exception {
        for (String logger : new String[] {"", "org.drools", "org.kie"}) {
            org.jboss.logmanager.Logger.getLogger(logger).setLevel(java.util.logging.Level.WARNING);
        }
        PolicyBundle bundle = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read(ArrestFamily.NAME);
        PolicyVersion version = new PolicyVersion(ArrestFamily.NAME, 1, bundle.sha256(), bundle.manifest().effectiveFrom(),
                null, "bench", null);
        drl = new PolicyCompiler(List.of(new ArrestFamily())).compile(version, bundle);
        long started = System.nanoTime();
        KieBase model = executableModel(bundle);
        System.out.printf("executable model of the arrest policy built in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        executableModel = new CompiledPolicy(version, bundle, model, drl.catalog(), drl.rulesPerFile(),
                Duration.ofNanos(System.nanoTime() - started));
        service = AssessmentPipeline.evaluation(new PolicyEvaluator(), java.time.Clock.systemUTC());
        scored = new ObjectMapper().readValue("""
                {"caseId":"BENCH-1","subjectId":"S-1","stage":"ARREST_REVIEW","crimeType":"INTENTIONAL_INJURY",
                 "evidenceOfCrime":true,"expectedSentence":"UP_TO_3_YEARS","priorIntentionalCrime":false,
                 "identityUnknown":false,"age":34,
                 "dangerIndicators":["THREATENED_VICTIM_OR_INFORMANT","FLIGHT_HISTORY","NO_FIXED_RESIDENCE"],
                 "mitigations":["PLEADED_GUILTY"],"specialCircumstances":[],"violatedBailConditions":false}""", ArrestRequest.class);
        ArrestAssessment a = service.evaluate(arrest, drl, scored, "x", Instant.EPOCH);
        ArrestAssessment b = service.evaluate(arrest, executableModel, scored, "x", Instant.EPOCH);
        if (a.score() != b.score() || !a.color().equals(b.color()) || !a.findings().equals(b.findings())) {
            throw new IllegalStateException("the executable model decides differently: " + a + " vs " + b);
        }
    }

    /** DRL files as they are, tables through Drools' own spreadsheet compiler (named *.drl.xlsx), catalog left out. */
    private static KieBase executableModel(PolicyBundle bundle) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        String catalog = bundle.manifest().catalog();
        for (PolicyFile file : bundle.files()) {
            if (file.isDrl()) {
                files.write("src/main/resources/arrest/" + file.simpleName(), file.content());
            } else if (file.isSpreadsheet() && !file.simpleName().equals(catalog)) {
                files.write("src/main/resources/arrest/" + file.simpleName().replace(".xlsx", ".drl.xlsx"), file.content());
            }
        }
        KieBuilder builder = kie.newKieBuilder(files).buildAll(ExecutableModelProject.class);
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException(builder.getResults().toString());
        }
        return kie.newKieContainer(kie.getRepository().getDefaultReleaseId()).getKieBase();
    }

    @Benchmark
    public ArrestAssessment drlKnowledgeBase() {
        return service.evaluate(arrest, drl, scored, "bench", Instant.EPOCH);
    }

    @Benchmark
    public ArrestAssessment executableModel() {
        return service.evaluate(arrest, executableModel, scored, "bench", Instant.EPOCH);
    }
}
