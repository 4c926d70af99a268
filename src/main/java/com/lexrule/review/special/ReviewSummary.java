package com.lexrule.review.special;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The counts of a finished review: agreement overall, by determination (recognised × service), by the rule that
 * decided the service's answer, and by crime type. Rates are over the cases assessed (invalid and failed rows are
 * counted apart).
 */
@Schema(description = "评查汇总：总体一致率，按认定结论×系统结论、决定性规则、罪名分组")
public record ReviewSummary(int total, int assessed, int agreed, int disagreed, int invalid, int failed,
                            BigDecimal agreementRate, List<Pair> byDetermination, List<Group> byRule,
                            List<Group> byCrimeType, List<Group> byRecognised) {

    /** How many cases the agency recognised as one value and the service gave as another (or the same). */
    public record Pair(String recognised, String recognisedLabel, String service, String serviceLabel, boolean agrees, long count) {
    }

    public record Group(String key, long assessed, long agreed, long disagreed, BigDecimal agreementRate) {
    }

    /** One stored case as the summary needs it. */
    record Line(SpecialReviewCase.Outcome outcome, String recognised, String service, String rule, String crimeType) {
    }

    static ReviewSummary of(ReviewForm form, List<Line> lines) {
        int agreed = 0, disagreed = 0, invalid = 0, failed = 0;
        Map<List<String>, Long> pairs = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        Map<String, long[]> rules = new TreeMap<>();
        Map<String, long[]> crimes = new TreeMap<>();
        Map<String, long[]> recognised = new LinkedHashMap<>();
        form.recognisedValues().keySet().forEach(k -> recognised.put(k, new long[2]));
        for (Line line : lines) {
            switch (line.outcome()) {
                case INVALID -> invalid++;
                case FAILED -> failed++;
                case AGREE, DISAGREE -> {
                    boolean agrees = line.outcome() == SpecialReviewCase.Outcome.AGREE;
                    if (agrees) agreed++; else disagreed++;
                    pairs.merge(List.of(nz(line.recognised()), nz(line.service())), 1L, Long::sum);
                    count(rules, nz(line.rule()), agrees);
                    count(crimes, nz(line.crimeType()), agrees);
                    count(recognised, nz(line.recognised()), agrees);
                }
            }
        }
        int assessed = agreed + disagreed;
        List<Pair> byDetermination = pairs.entrySet().stream().map(e -> new Pair(e.getKey().get(0),
                form.recognisedLabel(e.getKey().get(0)), e.getKey().get(1), form.recognisedLabel(e.getKey().get(1)),
                e.getKey().get(0).equals(e.getKey().get(1)), e.getValue())).toList();
        return new ReviewSummary(lines.size(), assessed, agreed, disagreed, invalid, failed, rate(agreed, assessed),
                byDetermination, groups(rules), groups(crimes), groups(recognised));
    }

    private static void count(Map<String, long[]> groups, String key, boolean agrees) {
        long[] c = groups.computeIfAbsent(key, k -> new long[2]);
        c[0]++;
        if (agrees) c[1]++;
    }

    private static List<Group> groups(Map<String, long[]> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .map(e -> new Group(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[0] - e.getValue()[1],
                        rate(e.getValue()[1], e.getValue()[0]))).toList();
    }

    private static String nz(String value) {
        return value == null ? "-" : value;
    }

    static BigDecimal rate(long agreed, long assessed) {
        return assessed == 0 ? null : BigDecimal.valueOf(agreed).divide(BigDecimal.valueOf(assessed), 4, RoundingMode.HALF_UP);
    }
}
