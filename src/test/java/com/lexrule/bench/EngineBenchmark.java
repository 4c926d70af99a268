package com.lexrule.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.arrest.ArrestAssessment;
import com.lexrule.arrest.ArrestDecision;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.arrest.ArrestRequest;
import com.lexrule.arrest.ArrestDefinition;
import com.lexrule.arrest.ColorScore;
import com.lexrule.bail.BailDepositAssessment;
import com.lexrule.bail.BailDepositRequest;
import com.lexrule.bail.BailDepositDefinition;
import com.lexrule.bail.BailFamily;
import com.lexrule.bail.CompensationDepositAssessment;
import com.lexrule.bail.CompensationDepositRequest;
import com.lexrule.bail.CompensationDepositDefinition;
import com.lexrule.engine.Finding;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.meritorious.MeritoriousAssessment;
import com.lexrule.meritorious.MeritoriousFamily;
import com.lexrule.meritorious.MeritoriousRequest;
import com.lexrule.meritorious.MeritoriousDefinition;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFamily;
import com.lexrule.policy.PolicyVersion;

/**
 * The engine alone, one thread, no HTTP and no database: evaluations per second of each family's policy on disk,
 * exactly as the assessment pipeline evaluates it (code check, facts, rules, answer), and a hand-written Java scoring of the
 * arrest case as the floor, in the same run. Without the audit write and the REST layer, this is the evaluation's
 * share of a decision; the load benchmark (bench.sh) measures the audited service.
 * <pre>mvn -B -q -Pbench test-compile exec:exec -Dbench.main=com.lexrule.bench.EngineBenchmark</pre>
 * prints JMH's report, then a table with the allocation per evaluation (-prof gc) and the ratio to the floor.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();

    private CompiledPolicy arrest;
    private CompiledPolicy meritorious;
    private CompiledPolicy bail;
    private AssessmentPipeline pipeline;
    private final ArrestDefinition arrestDefinition = new ArrestDefinition();
    private final MeritoriousDefinition meritoriousDefinition = new MeritoriousDefinition();
    /** Stated colors only: the link to an audited arrest decision needs the database. */
    private final BailDepositDefinition bailDefinition = new BailDepositDefinition(null);
    private final CompensationDepositDefinition compensationDefinition = new CompensationDepositDefinition();
    private HandWrittenArrestScoring floor;

    private ArrestRequest scored;
    private ArrestRequest mandatory;
    private MeritoriousRequest meritClaim;
    private BailDepositRequest bailRequest;
    private CompensationDepositRequest compensationRequest;

    @Setup
    public void compile() throws Exception {
        // As in the service (application.properties): Drools' debug logging off; formatting its trace costs more
        // than the evaluation itself.
        for (String logger : new String[] {"", "org.drools", "org.kie"}) {
            org.jboss.logmanager.Logger.getLogger(logger).setLevel(java.util.logging.Level.WARNING);
        }
        arrest = compile(ArrestFamily.NAME, new ArrestFamily());
        meritorious = compile(MeritoriousFamily.NAME, new MeritoriousFamily());
        bail = compile(BailFamily.NAME, new BailFamily());
        PolicyEvaluator evaluator = new PolicyEvaluator();
        pipeline = AssessmentPipeline.evaluation(evaluator, java.time.Clock.systemUTC());

        scored = JSON.readValue("""
                {"caseId":"BENCH-1","subjectId":"S-1","stage":"ARREST_REVIEW","crimeType":"INTENTIONAL_INJURY",
                 "evidenceOfCrime":true,"expectedSentence":"UP_TO_3_YEARS","priorIntentionalCrime":false,
                 "identityUnknown":false,"age":34,
                 "dangerIndicators":["THREATENED_VICTIM_OR_INFORMANT","FLIGHT_HISTORY","NO_FIXED_RESIDENCE"],
                 "mitigations":["PLEADED_GUILTY"],"specialCircumstances":[],"violatedBailConditions":false}""", ArrestRequest.class);
        mandatory = JSON.readValue("""
                {"caseId":"BENCH-2","subjectId":"S-2","stage":"ARREST_REVIEW","crimeType":"ROBBERY",
                 "evidenceOfCrime":true,"expectedSentence":"10_YEARS_OR_MORE","priorIntentionalCrime":false,
                 "identityUnknown":false,"age":29,"dangerIndicators":["FLIGHT_HISTORY"],"mitigations":[],
                 "specialCircumstances":["SOLE_CARER"],"violatedBailConditions":false}""", ArrestRequest.class);
        meritClaim = JSON.readValue("""
                {"caseId":"BENCH-3","subjectId":"S-3","claimType":"ASSISTED_CAPTURE","leadSource":"OWN_KNOWLEDGE",
                 "concernsOwnJointCrime":false,"assistanceKind":"LED_CAPTURE","alreadyKnownToAuthorities":false,
                 "verification":"VERIFIED","practicalEffect":true,
                 "evidenceItems":["AGENCY_STATEMENT","VERIFICATION_RECORD"]}""", MeritoriousRequest.class);
        bailRequest = JSON.readValue("""
                {"caseId":"BENCH-4","subjectId":"S-4","crimeType":"INTENTIONAL_INJURY","expectedSentence":"UP_TO_3_YEARS",
                 "age":35,"dangerColor":"GREEN","economicStatus":"ORDINARY","guarantorAvailable":false}""",
                BailDepositRequest.class);
        compensationRequest = JSON.readValue("""
                {"caseId":"BENCH-5","subjectId":"S-5","crimeType":"THEFT","expectedSentence":"UP_TO_3_YEARS",
                 "assessedLoss":8000,"victimReachable":false,"victimDemandsExcessive":false,"subjectWilling":true}""",
                CompensationDepositRequest.class);

        floor = HandWrittenArrestScoring.readFrom(arrest, pipeline, evaluator, scored.crimeType());
        floor.check(pipeline.evaluate(arrestDefinition, arrest, scored, "bench", Instant.EPOCH), scored);
    }

    private static CompiledPolicy compile(String family, PolicyFamily definition) {
        PolicyBundle bundle = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read(family);
        return new PolicyCompiler(List.of(definition)).compile(new PolicyVersion(family, 1, bundle.sha256(),
                bundle.manifest().effectiveFrom(), null, "bench", null), bundle);
    }

    @Benchmark
    public ArrestAssessment arrestScoredCase() {
        return pipeline.evaluate(arrestDefinition, arrest, scored, "bench", Instant.EPOCH);
    }

    @Benchmark
    public ArrestAssessment arrestMandatory() {
        return pipeline.evaluate(arrestDefinition, arrest, mandatory, "bench", Instant.EPOCH);
    }

    @Benchmark
    public MeritoriousAssessment meritorious() {
        return pipeline.evaluate(meritoriousDefinition, meritorious, meritClaim, "bench", Instant.EPOCH);
    }

    @Benchmark
    public BailDepositAssessment bailDeposit() {
        return pipeline.evaluate(bailDefinition, bail, bailRequest, "bench", Instant.EPOCH);
    }

    @Benchmark
    public CompensationDepositAssessment compensationDeposit() {
        return pipeline.evaluate(compensationDefinition, bail, compensationRequest, "bench", Instant.EPOCH);
    }

    /** The floor: the same scored case, in plain Java over the same points and bands. */
    @Benchmark
    public HandWrittenArrestScoring.Scored arrestScoredCaseHandWritten() {
        return floor.score(scored);
    }

    /** Runs every benchmark above with -prof gc, then prints one line per benchmark and its ratio to the floor. */
    public static void main(String[] args) throws Exception {
        OptionsBuilder options = new OptionsBuilder();
        options.parent(new CommandLineOptions(args));
        options.include(EngineBenchmark.class.getName() + "\\.").addProfiler(GCProfiler.class);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> byName = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            byName.put(name, new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()});
            order.add(name);
        }
        double[] handWritten = byName.get("arrestScoredCaseHandWritten");
        System.out.printf("%n%-30s %14s %10s %14s %12s%n", "benchmark (1 thread)", "evaluations/s", "± error", "B/evaluation",
                "floor/this");
        for (String name : order) {
            double[] r = byName.get(name);
            System.out.printf("%-30s %,14.0f %,10.0f %,14.0f %11.1fx%n", name, r[0], r[1], r[2],
                    handWritten == null ? Double.NaN : handWritten[0] / r[0]);
        }
    }

    /**
     * The arrest scoring written by hand: points of each factor summed, the score's color band, the findings. It
     * holds no policy of its own: the points and bands are read from the compiled policy at set-up (one case per
     * code, one per score), so it weighs exactly what the tables weigh, for an adult case that no statutory
     * condition decides.
     */
    public static final class HandWrittenArrestScoring {

        public record Scored(int score, String legalCategory, String color, String measure, List<Finding> findings) {
        }

        private record Band(String legalCategory, String color, String measure, Finding finding) {
        }

        static final int LOWEST = -200;
        private final Map<String, Finding> indicatorPoints;
        private final Map<String, Finding> mitigationPoints;
        private final Finding total;
        private final Band[] bands;

        private HandWrittenArrestScoring(Map<String, Finding> indicators, Map<String, Finding> mitigations, Finding total,
                                         Band[] bands) {
            this.indicatorPoints = indicators;
            this.mitigationPoints = mitigations;
            this.total = total;
            this.bands = bands;
        }

        public Scored score(ArrestRequest request) {
            List<Finding> findings = new ArrayList<>(8);
            int score = 0;
            for (String code : new LinkedHashSet<>(request.dangerIndicators())) {
                Finding finding = indicatorPoints.get(code);
                if (finding != null) {
                    score += finding.points();
                    findings.add(finding);
                }
            }
            for (String code : new LinkedHashSet<>(request.mitigations())) {
                Finding finding = mitigationPoints.get(code);
                if (finding != null) {
                    score += finding.points();
                    findings.add(finding);
                }
            }
            findings.add(total);
            Band band = bands[Math.max(0, Math.min(bands.length - 1, score - LOWEST))];
            findings.add(band.finding());
            return new Scored(score, band.legalCategory(), band.color(), band.measure(), findings);
        }

        static HandWrittenArrestScoring readFrom(CompiledPolicy policy, AssessmentPipeline engine, PolicyEvaluator evaluator,
                                                 String crimeType) throws Exception {
            Map<String, Finding> indicators = new HashMap<>();
            Map<String, Finding> mitigations = new HashMap<>();
            String anyIndicator = policy.catalog().entries("dangerIndicators").keySet().iterator().next();
            Finding total = null;
            for (String code : policy.catalog().entries("dangerIndicators").keySet()) {
                for (Finding f : probe(policy, engine, crimeType, List.of(code), List.of()).findings()) {
                    if (f.points() != null) indicators.put(code, f);
                    if (f.ruleId().equals("ARR-SCORE-TOTAL")) total = f;
                }
            }
            for (String code : policy.catalog().entries("mitigations").keySet()) {
                for (Finding f : probe(policy, engine, crimeType, List.of(anyIndicator), List.of(code)).findings()) {
                    if (f.points() != null && !f.equals(indicators.get(anyIndicator))) mitigations.put(code, f);
                }
            }
            Band[] bands = new Band[400];
            for (int i = 0; i < bands.length; i++) {
                ArrestDecision decision = new ArrestDecision();
                List<Finding> fired = evaluator.evaluate(policy, List.of(decision, new ColorScore(decision, LOWEST + i)));
                bands[i] = new Band(decision.getLegalCategory(), decision.getColor(), decision.getRecommendedMeasure(),
                        fired.isEmpty() ? null : fired.get(fired.size() - 1));
            }
            return new HandWrittenArrestScoring(Map.copyOf(indicators), Map.copyOf(mitigations), total, bands);
        }

        private static ArrestAssessment probe(CompiledPolicy policy, AssessmentPipeline engine, String crimeType,
                                              List<String> indicators, List<String> mitigations) throws Exception {
            ArrestRequest request = JSON.readValue(JSON.writeValueAsString(Map.ofEntries(Map.entry("caseId", "PROBE"),
                    Map.entry("subjectId", "PROBE"), Map.entry("crimeType", crimeType), Map.entry("evidenceOfCrime", true),
                    Map.entry("expectedSentence", "UP_TO_3_YEARS"), Map.entry("priorIntentionalCrime", false),
                    Map.entry("identityUnknown", false), Map.entry("age", 34), Map.entry("dangerIndicators", indicators),
                    Map.entry("mitigations", mitigations), Map.entry("violatedBailConditions", false))), ArrestRequest.class);
            return engine.evaluate(new ArrestDefinition(), policy, request, "probe", Instant.EPOCH);
        }

        /** The floor must do the engine's work: same score, color, measure and findings, or the ratio means nothing. */
        void check(ArrestAssessment byEngine, ArrestRequest request) {
            Scored byHand = score(request);
            if (byHand.score() != byEngine.score() || !byHand.color().equals(byEngine.color())
                    || !byHand.measure().equals(byEngine.recommendedMeasure())
                    || !byHand.legalCategory().equals(byEngine.legalCategory().name())
                    || !new java.util.HashSet<>(byHand.findings()).equals(new java.util.HashSet<>(byEngine.findings()))) {
                throw new IllegalStateException("the hand-written scoring disagrees with the engine: " + byHand + " vs " + byEngine);
            }
        }
    }
}
