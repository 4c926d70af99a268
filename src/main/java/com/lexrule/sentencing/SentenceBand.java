package com.lexrule.sentencing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The likely punishment (可能判处的刑罚), in increasing order of severity. The order matters: a stated sentence
 * is capped at the band of the crime's statutory maximum ({@link StatutoryMaximum}).
 *
 * <p>The bounds follow CL art. 99 (以上、以下、以内，包括本数): {@code UP_TO_3_YEARS} is fixed-term imprisonment of
 * three years or less (三年以下, three included); {@code 3_TO_10_YEARS} more than three and less than ten years;
 * {@code 10_YEARS_OR_MORE} ten years or more (十年有期徒刑以上, ten included: CPL 81 ¶3), life or death.
 */
public enum SentenceBand {
    @JsonProperty("NO_IMPRISONMENT") NO_IMPRISONMENT("NO_IMPRISONMENT"),
    @JsonProperty("CRIMINAL_DETENTION") CRIMINAL_DETENTION("CRIMINAL_DETENTION"),
    @JsonProperty("UP_TO_3_YEARS") UP_TO_3_YEARS("UP_TO_3_YEARS"),
    @JsonProperty("3_TO_10_YEARS") THREE_TO_10_YEARS("3_TO_10_YEARS"),
    @JsonProperty("10_YEARS_OR_MORE") TEN_YEARS_OR_MORE("10_YEARS_OR_MORE");

    private final String code;

    SentenceBand(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** CL 99: three years is "three years or less", ten years is "ten years or more". */
    static final int THREE_YEARS = 36;
    static final int TEN_YEARS = 120;

    /** The band of a fixed term of imprisonment of this many months. */
    public static SentenceBand ofTermMonths(int months) {
        if (months <= THREE_YEARS) return UP_TO_3_YEARS;
        if (months < TEN_YEARS) return THREE_TO_10_YEARS;
        return TEN_YEARS_OR_MORE;
    }

    public static SentenceBand ofCode(String code) {
        for (SentenceBand band : values()) {
            if (band.code.equals(code)) return band;
        }
        return null;
    }

    public static String codes() {
        StringBuilder all = new StringBuilder();
        for (SentenceBand band : values()) {
            if (!all.isEmpty()) all.append(", ");
            all.append(band.code);
        }
        return all.toString();
    }
}
