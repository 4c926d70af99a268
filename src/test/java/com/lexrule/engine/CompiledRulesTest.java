package com.lexrule.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestAssessment;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.arrest.ArrestRequest;
import com.lexrule.arrest.ArrestDefinition;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyVersion;

/**
 * The rule sessions are built once per compiled version, reused by every call, and dropped with the version. Uses
 * the real arrest policy on disk and the real evaluation (the pipeline's evaluation, no registry, no database).
 */
class CompiledRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ArrestDefinition ARREST = new ArrestDefinition();
    static PolicyBundle bundle;
    static PolicyCompiler compiler;

    @BeforeAll
    static void readPolicy() {
        bundle = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read(ArrestFamily.NAME);
        compiler = new PolicyCompiler(List.of(new ArrestFamily()));
    }

    static CompiledPolicy compile() {
        return compiler.compile(new PolicyVersion(ArrestFamily.NAME, 1, bundle.sha256(), bundle.manifest().effectiveFrom(),
                null, "test", null), bundle);
    }

    /** Varied cases: every crime type and several indicators, a minor, a mandatory arrest, a case without evidence. */
    static List<ArrestRequest> cases() throws Exception {
        String[] crimes = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "PICKING_QUARRELS", "ROBBERY"};
        String[] indicators = {"FLIGHT_HISTORY", "NO_FIXED_RESIDENCE", "THREATENED_VICTIM_OR_INFORMANT", "FLIGHT_HISTORY", "NO_FIXED_RESIDENCE"};
        String[] sentences = {"UP_TO_3_YEARS", "10_YEARS_OR_MORE", "3_TO_10_YEARS", "CRIMINAL_DETENTION", "UP_TO_3_YEARS"};
        List<ArrestRequest> cases = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            cases.add(JSON.readValue("""
                    {"caseId":"ENGINE-%d","subjectId":"S-%d","stage":"ARREST_REVIEW","crimeType":"%s",
                     "evidenceOfCrime":%s,"expectedSentence":"%s","priorIntentionalCrime":false,"identityUnknown":false,
                     "age":%d,"dangerIndicators":["%s"%s],"mitigations":[%s],"specialCircumstances":[],
                     "violatedBailConditions":false}
                    """.formatted(i, i, crimes[i % 5], i % 7 != 6, sentences[i / 5], 16 + 2 * i, indicators[i % 5],
                    i % 2 == 0 ? ",\"" + indicators[(i + 1) % 5] + "\"" : "", i % 3 == 0 ? "\"PLEADED_GUILTY\"" : ""),
                    ArrestRequest.class));
        }
        return cases;
    }

    static String answer(AssessmentPipeline pipeline, CompiledPolicy policy, ArrestRequest request) {
        ArrestAssessment assessed = pipeline.evaluate(ARREST, policy, request, "id", Instant.EPOCH);
        return assessed.legalCategory() + "/" + assessed.score() + "/" + assessed.color() + "/"
                + assessed.recommendedMeasure() + " " + assessed.findings() + " " + assessed.missingFacts();
    }

    @Test
    void aReusedSessionAnswersEachCaseAsAFreshVersionDoesWhateverCameBefore() throws Exception {
        AssessmentPipeline service = AssessmentPipeline.evaluation(new PolicyEvaluator(), Clock.systemUTC());
        List<ArrestRequest> cases = cases();
        CompiledPolicy shared = compile();
        List<String> fresh = new ArrayList<>();
        for (ArrestRequest request : cases) {
            // New sessions for each case: nothing can be left over from another.
            CompiledPolicy alone = new CompiledPolicy(shared.version(), shared.bundle(), new CompiledRules(shared.kieBase()),
                    shared.catalog(), shared.rulesPerFile(), shared.compileTime());
            fresh.add(answer(service, alone, request));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < cases.size(); i++) {
                assertThat(answer(service, shared, cases.get(i))).as("case %d, round %d", i, round).isEqualTo(fresh.get(i));
            }
        }
        assertThat(fresh.stream().map(a -> a.substring(0, a.indexOf(' '))).distinct()).hasSizeGreaterThan(5);
    }

    @Test
    void callersOnManyThreadsAtOnceEachGetTheirOwnAnswer() throws Exception {
        AssessmentPipeline service = AssessmentPipeline.evaluation(new PolicyEvaluator(), Clock.systemUTC());
        List<ArrestRequest> cases = cases();
        CompiledPolicy policy = compile();
        List<String> expected = new ArrayList<>();
        for (ArrestRequest request : cases) {
            expected.add(answer(service, policy, request));
        }
        // More threads than the sessions kept: some calls run on a session of their own.
        ExecutorService pool = Executors.newFixedThreadPool(4 * Runtime.getRuntime().availableProcessors() + 2);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4 * Runtime.getRuntime().availableProcessors() + 2; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        int c = (i + offset) % cases.size();
                        String got = answer(service, policy, cases.get(c));
                        if (!got.equals(expected.get(c))) mismatches.add(c + ": " + got);
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDroppedVersionIsCollectedWithItsSessionsWhileTheEvaluatorLives() throws Exception {
        PolicyEvaluator evaluator = new PolicyEvaluator();
        AssessmentPipeline service = AssessmentPipeline.evaluation(evaluator, Clock.systemUTC());
        ArrestRequest request = cases().get(0);
        WeakReference<KieBase> dropped = evaluateOnce(service, request);
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        // A draft compiled for a scenario run and then discarded must not stay reachable from the evaluator.
        assertThat(dropped.get()).isNull();
        assertThat(answer(service, compile(), request)).isNotBlank();
    }

    private static WeakReference<KieBase> evaluateOnce(AssessmentPipeline service, ArrestRequest request) {
        CompiledPolicy draft = compile();
        answer(service, draft, request);
        return new WeakReference<>(draft.kieBase());
    }
}
