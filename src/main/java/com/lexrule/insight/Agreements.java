package com.lexrule.insight;

import java.util.SplittableRandom;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Agreement between what the service recommends and what officers decided, with a bootstrap confidence interval. */
final class Agreements {

    /** Fixed, so that the same decisions always give the same interval. */
    private static final long SEED = 17;

    @Schema(name = "AgreementEstimate", description = "与承办人员最终决定的一致率，附自助法（bootstrap）95% 置信区间与决定数")
    record Estimate(long decisions, long agreed, double rate, double low, double high) {
    }

    private Agreements() {
    }

    /**
     * The share of {@code agreed} (one flag per decision) with the 2.5th and 97.5th percentiles of the shares of
     * {@code samples} resamples drawn with replacement.
     */
    static Estimate estimate(boolean[] agreed, int samples) {
        int n = agreed.length;
        long k = 0;
        for (boolean a : agreed) if (a) k++;
        if (n == 0) return new Estimate(0, 0, 0, 0, 0);
        double[] rates = new double[samples];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int b = 0; b < samples; b++) {
            int hits = 0;
            for (int i = 0; i < n; i++) if (agreed[random.nextInt(n)]) hits++;
            rates[b] = (double) hits / n;
        }
        java.util.Arrays.sort(rates);
        return new Estimate(n, k, round((double) k / n), round(rates[(int) Math.floor(0.025 * (samples - 1))]),
                round(rates[(int) Math.ceil(0.975 * (samples - 1))]));
    }

    static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
