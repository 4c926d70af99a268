package com.lexrule.insight;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.RequestReader;
import com.lexrule.problem.ProblemException;
import com.lexrule.review.AccountabilityService;
import com.lexrule.review.OfficerDecisionRequest;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Demo data for a first run: generated cases assessed through the assessment pipeline, exactly as the REST endpoints
 * assess them (validation, codes against the catalog, evaluation, audit record), and officers' final decisions through
 * the review service. Every record is marked: the decisions' caller and the officer decisions' recorder are
 * {@value #CALLER} (a column of the hashed record, so the mark is as tamper-evident as the decision), the case ids
 * start with {@value #CASE_PREFIX} and the officers with {@value #OFFICER_PREFIX}. Codes come from the catalog of the
 * version in force; how the generated officers decide (demo/demo-data.json) is given relative to the policy's own
 * thresholds: for DRUG_TRAFFICKING they arrest from lower scores, for PICKING_QUARRELS from higher ones, so that
 * calibration has something true to find. Enabled only where {@code lexrule.demo-data.enabled} (embedded, dev, test),
 * refused in {@code prod} whatever the setting.
 */
@ApplicationScoped
public class DemoData {

    public static final String CALLER = "demo-data";
    public static final String CASE_PREFIX = "DEMO-";
    public static final String OFFICER_PREFIX = "DEMO-P-";

    /** What was generated. */
    public record Filled(int cases, Map<String, Long> byEndpoint, long officerDecisions, String caller, String note) {
    }

    /** The generator's officer thresholds of one crime type, as calibration should find them. */
    public record OfficerThresholds(String crimeType, int red, int yellow) {
    }

    private final AssessmentPipeline pipeline;
    private final List<FamilyDefinition<?, ?>> definitions;
    private final RequestReader requests;
    private final AccountabilityService review;
    private final PolicyRegistry registry;
    private final DecisionLedger ledger;
    private final ObjectMapper json;
    private final boolean enabled;
    private final JsonNode config;

    public DemoData(AssessmentPipeline pipeline, @Any Instance<FamilyDefinition<?, ?>> definitions, RequestReader requests,
                    AccountabilityService review, PolicyRegistry registry, DecisionLedger ledger, ObjectMapper json,
                    @ConfigProperty(name = "lexrule.demo-data.enabled", defaultValue = "false") boolean enabled) {
        this.pipeline = pipeline;
        this.definitions = definitions.stream().toList();
        this.requests = requests;
        this.review = review;
        this.registry = registry;
        this.ledger = ledger;
        this.json = json;
        this.enabled = enabled;
        try (InputStream in = DemoData.class.getResourceAsStream("/demo/demo-data.json")) {
            this.config = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean allowed() {
        return enabled && !ConfigUtils.getProfiles().contains("prod");
    }

    /** The thresholds the generated officers follow for each crime type of the arrest version in force. */
    public List<OfficerThresholds> officerThresholds() {
        ColorBands bands = ColorBands.of(registry.current(CalibrationService.ARREST).bundle());
        List<OfficerThresholds> all = new ArrayList<>();
        for (String crime : registry.current(CalibrationService.ARREST).catalog().entries("crimeTypes").keySet()) {
            JsonNode officers = config.path("arrest").path("officers").path(crime);
            all.add(new OfficerThresholds(crime, bands.red() + officers.path("redShift").asInt(0),
                    bands.yellow() + officers.path("yellowShift").asInt(0)));
        }
        return all;
    }

    public Filled fill(int cases) {
        if (!allowed()) {
            throw new ProblemException(403, "demo-data-disabled", "演示数据仅在嵌入式配置下可用 (demo data is for the embedded profile only)",
                    "lexrule.demo-data.enabled 未开启，或运行于 prod 配置：生产数据库中不得生成演示数据 "
                            + "(demo data is never generated in prod)");
        }
        Map<String, OfficerThresholds> officers = new java.util.HashMap<>();
        officerThresholds().forEach(o -> officers.put(o.crimeType(), o));
        CompiledPolicy arrest = registry.current(CalibrationService.ARREST);
        CompiledPolicy meritorious = registry.current("meritorious-service");
        CompiledPolicy bail = registry.current("bail");
        long seed = config.path("seed").asLong();
        Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>(); // four workers count into it
        AtomicLong officerDecisions = new AtomicLong();
        // Cases are numbered on from the demo cases already recorded, each drawn from its own number: a second call
        // adds new cases, not the first call's again, and a fresh database always gets the same ones.
        long first = ledger.countByCaller(CALLER);
        long end = first + cases;
        AtomicLong next = new AtomicLong(first);
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    for (long i = next.getAndIncrement(); i < end; i = next.getAndIncrement()) {
                        // one generator per case, seeded by its number: the same cases whatever the threads do (the seed
                        // mixed first: java.util.Random's first draws of neighbouring seeds are close to each other)
                        Random random = new Random(new java.util.SplittableRandom(seed * 1_000_003 + i).nextLong());
                        String caseId = CASE_PREFIX + run + "-" + i;
                        double kind = random.nextDouble();
                        double arrestShare = config.path("shares").path("arrest").asDouble();
                        double meritShare = config.path("shares").path("meritorious-service").asDouble();
                        String path = kind < arrestShare ? "/api/v1/assessments/arrest"
                                : kind < arrestShare + meritShare ? "/api/v1/assessments/meritorious-service"
                                : "/api/v1/assessments/bail-deposit";
                        ObjectNode request = switch (path) {
                            case "/api/v1/assessments/arrest" -> arrestCase(arrest, caseId, random);
                            case "/api/v1/assessments/meritorious-service" -> meritoriousCase(meritorious, caseId, random);
                            default -> bailCase(bail, caseId, random);
                        };
                        JsonNode answer = assess(path, request);
                        counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
                        String decisionId = answer.path("decisionId").asText();
                        OfficerDecisionRequest decision = switch (path) {
                            case "/api/v1/assessments/arrest" -> arrestOfficer(request, answer, officers, random);
                            case "/api/v1/assessments/meritorious-service" -> otherOfficer("meritorious-service",
                                    answer.path("determination").asText(), answer.path("determination").asText(),
                                    meritorious.catalog().entries("outcomes").keySet(), random);
                            // officers record a measure (the outcomes), the audit keeps the guarantee method
                            default -> otherOfficer("bail-deposit", answer.path("recommendedMeasure").asText(),
                                    answer.path("guaranteeMethod").asText(), bail.catalog().entries("outcomes").keySet(), random);
                        };
                        if (decision != null) {
                            review.recordOfficerDecision(decisionId, decision, CALLER);
                            officerDecisions.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) worker.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        Map<String, Long> byEndpoint = new java.util.TreeMap<>();
        counts.forEach((k, v) -> byEndpoint.put(k, v.get()));
        return new Filled(cases, byEndpoint, officerDecisions.get(), CALLER,
                "演示数据：决定的调用方（caller）与承办人员决定的记录人均为 " + CALLER + "，案件编号以 " + CASE_PREFIX
                        + " 开头，承办人以 " + OFFICER_PREFIX + " 开头 (every record is marked as demo data)");
    }

    private JsonNode assess(String path, ObjectNode request) {
        FamilyDefinition<?, ?> definition = definitions.stream().filter(d -> d.path().equals(path)).findFirst().orElseThrow();
        return assess(definition, request);
    }

    private <R, A> JsonNode assess(FamilyDefinition<R, A> definition, JsonNode request) {
        R typed = requests.read(request, definition.requestType());
        return requests.tree(pipeline.assess(definition, typed, null, CALLER));
    }

    private ObjectNode arrestCase(CompiledPolicy policy, String caseId, Random random) {
        ObjectNode request = json.createObjectNode();
        request.put("caseId", caseId).put("subjectId", caseId + "-S").put("stage", "ARREST_REVIEW");
        request.put("crimeType", pick(weighted(List.copyOf(policy.catalog().entries("crimeTypes").keySet())), random));
        request.put("evidenceOfCrime", true);
        request.put("expectedSentence", pick(texts(config.path("arrest").path("expectedSentences")), random));
        request.put("priorIntentionalCrime", false).put("identityUnknown", false).put("violatedBailConditions", false);
        request.put("age", 18 + random.nextInt(45));
        request.set("dangerIndicators", json.valueToTree(some(List.copyOf(policy.catalog().entries("dangerIndicators").keySet()),
                config.path("arrest").path("maxIndicators").asInt(), random)));
        request.set("mitigations", json.valueToTree(some(List.copyOf(policy.catalog().entries("mitigations").keySet()),
                config.path("arrest").path("maxMitigations").asInt(), random)));
        request.set("specialCircumstances", json.createArrayNode());
        return request;
    }

    /** The generated officer: arrests as the policy's bands would, at the thresholds of the crime type's officers. */
    private OfficerDecisionRequest arrestOfficer(JsonNode request, JsonNode answer, Map<String, OfficerThresholds> officers,
                                                 Random random) {
        JsonNode model = config.path("arrest");
        String recommended = answer.path("recommendedMeasure").asText();
        OfficerThresholds own = officers.get(request.path("crimeType").asText());
        int score = answer.path("score").asInt();
        double arrest = score >= own.red() ? model.path("arrestAboveRed").asDouble()
                : score >= own.yellow() ? model.path("arrestInYellow").asDouble() : model.path("arrestBelowYellow").asDouble();
        String taken = random.nextDouble() < arrest ? "ARREST" : model.path("otherMeasure").asText();
        String officer = OFFICER_PREFIX + (1 + random.nextInt(12));
        if (taken.equals(recommended)) return new OfficerDecisionRequest(taken, officer, null);
        String reason = config.path("arrest").path("officers").path(own.crimeType()).path("reason")
                .asText(model.path("departureReason").asText());
        return new OfficerDecisionRequest(taken, officer, reason);
    }

    /**
     * An officer who takes the recommended outcome with the model's probability, else another; a reason is given
     * wherever the decision departs from what the audit recorded as the recommendation.
     */
    private OfficerDecisionRequest otherOfficer(String model, String recommended, String recorded, java.util.Set<String> codes,
                                                Random random) {
        // an officer decides in the family's outcome codes; a recommendation outside them is left undecided
        if (recommended == null || !codes.contains(recommended)) return null;
        String officer = OFFICER_PREFIX + (1 + random.nextInt(12));
        List<String> others = codes.stream().filter(c -> !c.equals(recommended)).toList();
        String taken = others.isEmpty() || random.nextDouble() < config.path(model).path("agreement").asDouble()
                ? recommended : pick(others, random);
        return new OfficerDecisionRequest(taken, officer, taken.equals(recorded) ? null : config.path(model).path("reason").asText());
    }

    private ObjectNode meritoriousCase(CompiledPolicy policy, String caseId, Random random) {
        ObjectNode request = json.createObjectNode();
        request.put("caseId", caseId).put("subjectId", caseId + "-S");
        request.put("claimType", pick(List.of("REPORTED_OTHERS_CRIME", "PROVIDED_LEAD", "ASSISTED_CAPTURE"), random));
        request.put("leadSource", random.nextDouble() < 0.85 ? "OWN_KNOWLEDGE" : "LEARNED_FROM_OTHERS");
        if ("ASSISTED_CAPTURE".equals(request.path("claimType").asText())) request.put("assistanceKind", "LED_CAPTURE");
        request.put("verification", pick(List.of("VERIFIED", "VERIFIED", "VERIFIED", "PENDING", "NOT_VERIFIED"), random));
        request.put("practicalEffect", random.nextDouble() < 0.8);
        request.put("alreadyKnownToAuthorities", random.nextDouble() < 0.1);
        request.set("evidenceItems", json.valueToTree(some(List.copyOf(policy.catalog().entries("evidenceItems").keySet()),
                6, random)));
        return request;
    }

    private ObjectNode bailCase(CompiledPolicy policy, String caseId, Random random) {
        ObjectNode request = json.createObjectNode();
        request.put("caseId", caseId).put("subjectId", caseId + "-S");
        request.put("crimeType", pick(List.copyOf(policy.catalog().entries("crimeTypes").keySet()), random));
        request.put("expectedSentence", pick(texts(config.path("arrest").path("expectedSentences")), random));
        request.put("age", 18 + random.nextInt(45));
        request.put("dangerColor", pick(List.copyOf(policy.catalog().entries("dangerColors").keySet()), random));
        request.put("economicStatus", pick(List.copyOf(policy.catalog().entries("economicStatuses").keySet()), random));
        request.put("guarantorAvailable", random.nextBoolean());
        request.put("amountInvolved", 1000 * (1 + random.nextInt(50)));
        return request;
    }

    /** The crime types, each as often as its weight in demo-data.json (default 1): more cases where officers differ. */
    private List<String> weighted(List<String> crimeTypes) {
        List<String> weighted = new ArrayList<>();
        for (String crime : crimeTypes) {
            int weight = config.path("arrest").path("crimeWeights").path(crime).asInt(1);
            for (int i = 0; i < weight; i++) weighted.add(crime);
        }
        return weighted;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static <T> T pick(List<T> from, Random random) {
        return from.get(random.nextInt(from.size()));
    }

    /** Up to {@code max} distinct codes, each case its own number of them. */
    private static List<String> some(List<String> codes, int max, Random random) {
        List<String> shuffled = new ArrayList<>(codes);
        java.util.Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, Math.min(shuffled.size(), random.nextInt(max + 1))));
    }
}
