package com.lexrule.insight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.lifecycle.DraftIntake;
import com.lexrule.policy.lifecycle.DraftService;
import com.lexrule.policy.lifecycle.Upload;
import com.lexrule.problem.Problem;
import com.lexrule.problem.ProblemException;
import com.lexrule.review.FinalDecisions;

/**
 * Calibration of the arrest family's color thresholds against officers' final decisions, and the agreement of every
 * family's recommendations with them. Only decisions the color bands decided count (the band's rule fired and the
 * measure is the band's: no statutory condition, special circumstance or minor's offset intervened), so a proposal can
 * only move what the law leaves to policy; the precedence rules in DRL are not touched. A proposal is never applied:
 * {@link #draft} turns it into a draft of the threshold table, which goes through scenarios, back-test and approval.
 */
@ApplicationScoped
public class CalibrationService {

    static final String ARREST = "arrest";
    /** The catalog sheet of the codes an officer's final decision takes (as review checks them). */
    static final String OUTCOMES = "outcomes";

    static final String NOTE = "与承办人员决定的一致不等于法律上的正确：承办人员的决定可能本身有误，校准只反映实践。"
            + "建议只调整法律交由政策确定的三色码阈值；刑事诉讼法第八十一条的法定条件、未成年人从严限制等优先规则写在 DRL 中，不受影响。"
            + "建议不会自动生效：须转为阈值表草稿，经情景测试、回测和另一人批准后方可发布。"
            + "一致率以拟合所用的同一批决定计算，新阈值下的一致率偏乐观。";

    @Schema(name = "Thresholds", description = "红码与黄码阈值（评分达到即适用）")
    public record Thresholds(int red, int yellow) {
    }

    @Schema(name = "ThresholdCalibration", description = "一个罪名（或全部）的阈值校准")
    public record Calibration(@Schema(description = "罪名；全部罪名合计时为 null") String crimeType,
                              long decisions,
                              @Schema(description = "决定数不足时拒绝提出建议，并说明理由") String refusal,
                              Thresholds current,
                              @Schema(description = "与承办人员决定最一致的阈值；拒绝时为 null") Thresholds proposal,
                              Agreements.Estimate agreementNow,
                              @Schema(description = "按建议阈值的一致率；拒绝时为 null") Agreements.Estimate agreementWithProposal) {
    }

    @Schema(name = "ArrestCalibration", description = "逮捕三色码阈值校准（与承办人员最终决定比较）")
    public record ArrestCalibration(PolicyRef policy, LocalDate from, LocalDate to, int minDecisions, String tableFile,
                                    String tableSheet,
                                    @Schema(description = "有承办人员决定、但非由三色码区间决定的决定数（未计入）") long excluded,
                                    Calibration overall, List<Calibration> byCrimeType, String draftNote, String note) {
    }

    @Schema(name = "AgreementGroup", description = "一组决定的一致情况")
    public record Group(String key, Agreements.Estimate agreement,
                        @Schema(description = "系统建议 → 承办人员决定 → 决定数") Map<String, Map<String, Long>> recommendedToTaken) {
    }

    @Schema(name = "AgreementAnalysis", description = "系统建议与承办人员最终决定的一致分析（逮捕：建议措施；立功：认定结论；取保：保证方式）")
    public record AgreementAnalysis(String family, LocalDate from, LocalDate to, Group overall, List<Group> byCrimeType,
                                    String note) {
    }

    /** A decision the bands decided, as calibration reads it. */
    private record Point(String crimeType, int score, String recommendation, String taken) {
    }

    private final PolicyRegistry registry;
    private final DecisionLedger ledger;
    private final FinalDecisions finals;
    private final DraftIntake intake;
    private final ZoneId zone;
    private final Clock clock;
    private final int minDecisions;
    private final int bootstrapSamples;
    private final int maxDecisions;

    public CalibrationService(PolicyRegistry registry, DecisionLedger ledger, FinalDecisions finals, DraftIntake intake,
                              Clock clock,
                              @ConfigProperty(name = "lexrule.calibration.min-decisions", defaultValue = "100") int minDecisions,
                              @ConfigProperty(name = "lexrule.calibration.bootstrap-samples", defaultValue = "1000") int bootstrapSamples,
                              @ConfigProperty(name = "lexrule.calibration.max-decisions", defaultValue = "200000") int maxDecisions) {
        this.registry = registry;
        this.ledger = ledger;
        this.finals = finals;
        this.intake = intake;
        this.clock = clock;
        this.zone = clock.getZone();
        this.minDecisions = minDecisions;
        this.bootstrapSamples = bootstrapSamples;
        this.maxDecisions = maxDecisions;
    }

    /** The thresholds of the arrest version in force that best agree with officers over the period, by crime type and overall. */
    public ArrestCalibration arrest(LocalDate from, LocalDate to) {
        LocalDate[] period = period(from, to);
        CompiledPolicy policy = registry.current(ARREST);
        ColorBands bands = ColorBands.of(policy.bundle());
        List<DecisionView> reviewed = new ArrayList<>();
        Map<String, String> taken = reviewed(ARREST, period, reviewed);
        List<Point> points = new ArrayList<>();
        for (DecisionView d : reviewed) {
            Point point = point(d, bands, taken.get(d.decisionId()));
            if (point != null) points.add(point);
        }
        Thresholds current = new Thresholds(bands.red(), bands.yellow());
        Map<String, List<Point>> byCrime = new TreeMap<>();
        points.forEach(p -> byCrime.computeIfAbsent(p.crimeType(), c -> new ArrayList<>()).add(p));
        List<Calibration> crimes = new ArrayList<>();
        byCrime.forEach((crime, ps) -> crimes.add(calibrate(crime, ps, bands, current)));
        String draftNote = "阈值表对所有罪名适用同一组阈值：草稿默认采用全部罪名合计（overall）的建议，也可指定一个罪名的建议"
                + "（?crimeType=），但草稿仍对所有罪名适用；按罪名分设阈值须在阈值表模板中增加罪名列，这是政策结构的变更，不能通过草稿完成。";
        return new ArrestCalibration(PolicyRef.of(policy.version()), period[0], period[1], minDecisions,
                bands.file().simpleName(), bands.sheet(), reviewed.size() - points.size(),
                calibrate(null, points, bands, current), crimes, draftNote, NOTE);
    }

    /** The overall proposal as a draft of the threshold table, through the lifecycle's intake (checked like an upload). */
    public DraftService.DraftView draft(LocalDate from, LocalDate to, String crimeType, DraftService.Actor actor) {
        ArrestCalibration calibration = arrest(from, to);
        Calibration overall = crimeType == null ? calibration.overall() : calibration.byCrimeType().stream()
                .filter(c -> c.crimeType().equals(crimeType)).findFirst()
                .orElseThrow(() -> new ProblemException(422, "calibration-refused",
                        "该罪名没有可校准的决定 (no decisions of this crime type to calibrate)",
                        "期间内没有罪名 " + crimeType + " 的有承办人员决定的三色码决定", List.of(new Problem.FieldError("crimeType",
                        "no band-decided decisions with an officer's decision for " + crimeType)), null));
        if (overall.proposal() == null) {
            throw new ProblemException(422, "calibration-refused", "决定数不足，不提出校准建议 (too few decisions to propose thresholds)",
                    overall.refusal());
        }
        if (overall.proposal().equals(overall.current())) {
            throw new ProblemException(409, "calibration-unchanged", "建议阈值与现行阈值相同 (the proposal is the current thresholds)",
                    "现行阈值已与承办人员决定最一致，无需草稿 (the current thresholds already agree best; no draft made)");
        }
        ColorBands bands = ColorBands.of(registry.current(ARREST).bundle());
        byte[] workbook = bands.withThresholds(overall.proposal().red(), overall.proposal().yellow());
        Path spooled = null;
        try {
            spooled = Files.createTempFile("calibration-", ".xlsx");
            Files.write(spooled, workbook);
            String scope = crimeType == null ? "全部罪名" : "罪名 " + crimeType + " 的建议；阈值表对所有罪名适用同一组阈值";
            String note = "阈值校准建议（" + scope + "；" + calibration.from() + " 至 " + calibration.to() + "，" + overall.decisions()
                    + " 个有承办人员决定的三色码决定）：红码 " + overall.current().red() + " → " + overall.proposal().red()
                    + "，黄码 " + overall.current().yellow() + " → " + overall.proposal().yellow() + "；一致率 "
                    + overall.agreementNow().rate() + " → " + overall.agreementWithProposal().rate()
                    + "。与承办人员一致不等于法律上的正确，须经情景测试、回测与批准。";
            return intake.create(ARREST, List.of(new Upload(bands.file().simpleName(), workbook.length, spooled)), note, actor);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (spooled != null) spooled.toFile().delete();
        }
    }

    /** Recommendation against officers' final decisions for any family, overall and by crime type. */
    public AgreementAnalysis agreement(String family, LocalDate from, LocalDate to) {
        if (!registry.families().contains(family)) {
            throw new com.lexrule.problem.NotFoundProblem("政策族 " + family + " 不存在 (no such family)");
        }
        LocalDate[] period = period(from, to);
        List<DecisionView> reviewed = new ArrayList<>();
        Map<String, String> taken = reviewed(family, period, reviewed);
        Map<String, List<String[]>> groups = new TreeMap<>();
        List<String[]> all = new ArrayList<>();
        java.util.Set<String> outcomes = registry.current(family).catalog().has(OUTCOMES)
                ? registry.current(family).catalog().entries(OUTCOMES).keySet() : java.util.Set.of();
        for (DecisionView d : reviewed) {
            String[] pair = {compared(d, outcomes), taken.get(d.decisionId())};
            all.add(pair);
            groups.computeIfAbsent(d.crimeType() == null ? "-" : d.crimeType(), k -> new ArrayList<>()).add(pair);
        }
        List<Group> byCrime = new ArrayList<>();
        groups.forEach((k, pairs) -> byCrime.add(group(k, pairs)));
        return new AgreementAnalysis(family, period[0], period[1], group(null, all), byCrime,
                "一致率 = 承办人员最终决定与系统建议相同的比例（逮捕：建议措施；立功：认定结论；取保候审：承办人员记录的是所采取的措施，"
                        + "故与系统建议的措施比较，保证方式见 recommendedToTaken 以外的审计记录）。"
                        + "与承办人员一致不等于法律上的正确。");
    }

    /**
     * What an officer's decision is compared with: the recorded recommendation where it is one of the codes officers
     * decide in (the family's outcomes), else the measure the answer recommends (bail: the audit keeps the guarantee
     * method, officers record the measure taken).
     */
    private static String compared(DecisionView d, java.util.Set<String> outcomes) {
        if (d.recommendation() != null && (outcomes.isEmpty() || outcomes.contains(d.recommendation()))) return d.recommendation();
        String measure = d.response() == null ? null : d.response().path("recommendedMeasure").asText(null);
        return measure != null ? measure : d.recommendation() == null ? "-" : d.recommendation();
    }

    private Group group(String key, List<String[]> pairs) {
        boolean[] agreed = new boolean[pairs.size()];
        Map<String, Map<String, Long>> matrix = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            agreed[i] = pairs.get(i)[0].equals(pairs.get(i)[1]);
            matrix.computeIfAbsent(pairs.get(i)[0], r -> new TreeMap<>()).merge(pairs.get(i)[1], 1L, Long::sum);
        }
        return new Group(key, Agreements.estimate(agreed, bootstrapSamples), matrix);
    }

    private Calibration calibrate(String crimeType, List<Point> points, ColorBands bands, Thresholds current) {
        boolean[] now = new boolean[points.size()];
        for (int i = 0; i < points.size(); i++) now[i] = points.get(i).recommendation().equals(points.get(i).taken());
        Agreements.Estimate agreementNow = Agreements.estimate(now, bootstrapSamples);
        if (points.size() < minDecisions) {
            return new Calibration(crimeType, points.size(), "只有 " + points.size() + " 个有承办人员决定的三色码决定，少于 "
                    + "lexrule.calibration.min-decisions=" + minDecisions + "，不提出建议 (too few decisions to propose)",
                    current, null, agreementNow, null);
        }
        Thresholds proposal = fit(points, bands, current);
        boolean[] with = new boolean[points.size()];
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            with[i] = bands.measure(p.score(), proposal.red(), proposal.yellow()).equals(p.taken());
        }
        return new Calibration(crimeType, points.size(), null, current, proposal, agreementNow,
                Agreements.estimate(with, bootstrapSamples));
    }

    /**
     * The pair of thresholds, among the scores observed (and the current ones), whose measures agree with the most
     * officers' decisions. Where the top and middle bands give the same measure, agreement cannot place the red
     * threshold; among the best pairs the red one is then the score at which officers' rate of taking the top band's
     * measure changes: the split of the scores from the yellow threshold up into two runs, each with its own rate, that
     * makes the decisions most likely (the maximum-likelihood change point of two Bernoulli rates). Unlike a fixed
     * share, it weighs each score by its number of decisions, so a few decisions at one score do not move it. What
     * remains tied is settled nearest the current thresholds.
     */
    private Thresholds fit(List<Point> points, ColorBands bands, Thresholds current) {
        TreeSet<Integer> candidates = new TreeSet<>();
        points.forEach(p -> candidates.add(p.score()));
        candidates.add(candidates.last() + 1);
        candidates.add(current.red());
        candidates.add(current.yellow());
        // by score: how many officers took the top, middle and bottom band's measure, and how many decisions
        TreeMap<Integer, long[]> byScore = new TreeMap<>();
        for (Point p : points) {
            long[] c = byScore.computeIfAbsent(p.score(), s -> new long[4]);
            c[3]++;
            if (p.taken().equals(bands.top().measure())) c[0]++;
            if (p.taken().equals(bands.middle().measure())) c[1]++;
            if (p.taken().equals(bands.bottom().measure())) c[2]++;
        }
        Thresholds best = current;
        long bestAgreed = -1;
        double bestLikelihood = Double.NEGATIVE_INFINITY;
        int bestDistance = Integer.MAX_VALUE;
        for (int yellow : candidates) {
            for (int red : candidates.tailSet(yellow, true)) {
                long agreed = 0;
                long topTaken = 0, top = 0, middleTaken = 0, middle = 0;
                for (Map.Entry<Integer, long[]> e : byScore.entrySet()) {
                    int s = e.getKey();
                    long[] c = e.getValue();
                    agreed += s >= red ? c[0] : s >= yellow ? c[1] : c[2];
                    if (s >= red) {
                        topTaken += c[0];
                        top += c[3];
                    } else if (s >= yellow) {
                        middleTaken += c[0];
                        middle += c[3];
                    }
                }
                double likelihood = logLikelihood(topTaken, top) + logLikelihood(middleTaken, middle);
                int distance = Math.abs(red - current.red()) + Math.abs(yellow - current.yellow());
                boolean better = agreed > bestAgreed
                        || agreed == bestAgreed && likelihood > bestLikelihood + 1e-9
                        || agreed == bestAgreed && Math.abs(likelihood - bestLikelihood) <= 1e-9 && distance < bestDistance;
                if (better) {
                    best = new Thresholds(red, yellow);
                    bestAgreed = agreed;
                    bestLikelihood = likelihood;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    /** The log-likelihood of {@code taken} of {@code n} decisions at their own rate (0 for none, or for a rate of 0 or 1). */
    private static double logLikelihood(long taken, long n) {
        if (taken == 0 || taken == n) return 0;
        double rate = (double) taken / n;
        return taken * Math.log(rate) + (n - taken) * Math.log(1 - rate);
    }

    /** The band-decided decision as a calibration point, or null when something other than the bands decided it. */
    private static Point point(DecisionView d, ColorBands bands, String taken) {
        JsonNode answer = d.response();
        if (answer == null || taken == null || !answer.path("score").isNumber()) return null;
        boolean band = false;
        for (JsonNode f : answer.path("findings")) {
            String id = f.path("ruleId").asText("");
            if (bands.offsetRules().contains(id)) return null; // a minor: thresholds raised by the offset table
            if (bands.isBandRule(id)) band = true;
        }
        if (!band) return null;
        int score = answer.path("score").asInt();
        String bandMeasure = bands.measure(score, bands.red(), bands.yellow());
        // the measure is the band's own: no later rule (special circumstance, bail breach) replaced it
        if (!bandMeasure.equals(d.recommendation())) return null;
        return new Point(d.crimeType() == null ? "-" : d.crimeType(), score, d.recommendation(), taken);
    }

    private Map<String, String> reviewed(String family, LocalDate[] period, List<DecisionView> into) {
        Map<String, String> taken = new HashMap<>();
        for (FinalDecisions.Final f : finals.of(family, period[0].atStartOfDay(zone).toInstant(),
                period[1].plusDays(1).atStartOfDay(zone).toInstant(), maxDecisions)) {
            taken.put(f.decisionId(), f.taken());
        }
        into.addAll(ledger.withContent(taken.keySet()));
        return taken;
    }

    private LocalDate[] period(LocalDate from, LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusYears(1) : from;
        if (end.isBefore(start)) {
            String message = "to (" + end + ") is before from (" + start + ")";
            throw new ProblemException(400, "invalid-request", "请求字段无效 (invalid request fields)", message,
                    List.of(new Problem.FieldError("to", message)), null);
        }
        return new LocalDate[] {start, end};
    }
}
