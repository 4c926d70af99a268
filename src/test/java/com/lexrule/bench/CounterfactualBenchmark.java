package com.lexrule.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Validation;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestDefinition;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.assessment.Counterfactuals;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.insight.CounterfactualSearch;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.policy.RequestReader;

/**
 * One counterfactual search of an arrest decision, single thread, as the endpoint runs it after reading the record:
 * every single change the arrest policy declares changeable, evaluated by the pipeline, then each result verified.
 * Target: under 50 ms per search on this machine.
 * <pre>mvn -B -q -Pbench test-compile exec:exec -Dbench.args=CounterfactualBenchmark</pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CounterfactualBenchmark {

    private CounterfactualSearch search;
    private CompiledPolicy arrest;
    private final ArrestDefinition definition = new ArrestDefinition();
    /** A YELLOW-range theft with one indicator and one mitigation: the single changes flip it, no pair is needed. */
    private JsonNode scored;
    /** A case no single change flips in the ordinary way: the search goes on to pairs until its bound. */
    private JsonNode shallArrest;

    @Setup
    public void compile() throws Exception {
        for (String logger : new String[] {"", "org.drools", "org.kie"}) {
            org.jboss.logmanager.Logger.getLogger(logger).setLevel(java.util.logging.Level.WARNING);
        }
        PolicyBundle bundle = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read(ArrestFamily.NAME);
        arrest = new PolicyCompiler(List.of(new ArrestFamily())).compile(new PolicyVersion(ArrestFamily.NAME, 1,
                bundle.sha256(), bundle.manifest().effectiveFrom(), null, "bench", null), bundle);
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        RequestReader requests = new RequestReader(json, Validation.buildDefaultValidatorFactory().getValidator());
        search = new CounterfactualSearch(AssessmentPipeline.evaluation(new PolicyEvaluator(), java.time.Clock.systemUTC()),
                requests, 2, 600, 10);
        scored = json.readTree("""
                {"caseId":"BENCH-CF","subjectId":"S-1","stage":"ARREST_REVIEW","crimeType":"THEFT",
                 "evidenceOfCrime":true,"expectedSentence":"UP_TO_3_YEARS","priorIntentionalCrime":false,
                 "identityUnknown":false,"age":34,"dangerIndicators":["FLIGHT_HISTORY"],
                 "mitigations":["PLEADED_GUILTY"],"specialCircumstances":[],"violatedBailConditions":false}""");
        shallArrest = json.readTree("""
                {"caseId":"BENCH-CF2","subjectId":"S-2","stage":"ARREST_REVIEW","crimeType":"ROBBERY",
                 "evidenceOfCrime":true,"expectedSentence":"10_YEARS_OR_MORE","age":29,"dangerIndicators":[],
                 "mitigations":[],"specialCircumstances":[]}""");
        System.out.println("scored: " + search.search(definition, arrest, scored).evaluations() + " evaluations; "
                + "10 years or more: " + search.search(definition, arrest, shallArrest).evaluations() + " evaluations");
    }

    @Benchmark
    public Counterfactuals.Report arrestScoredCase() {
        return search.search(definition, arrest, scored);
    }

    @Benchmark
    public Counterfactuals.Report arrestTenYearsOrMore() {
        return search.search(definition, arrest, shallArrest);
    }
}
