package com.lexrule.sentencing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.lexrule.boundary.LawTerm;

/**
 * The likely punishment (可能判处的刑罚), in increasing order of severity. The order matters: a stated sentence
 * is capped at the band of the crime's statutory maximum ({@link StatutoryMaximum}).
 *
 * <p>The bounds follow CL art. 99 (以上、以下、以内，包括本数): {@code UP_TO_3_YEARS} is fixed-term imprisonment of
 * three years or less (三年以下, three included); {@code 3_TO_10_YEARS} more than three and less than ten years;
 * {@code 10_YEARS_OR_MORE} ten years or more (十年有期徒刑以上, ten included: CPL 81 ¶3), life or death.
 */
public enum SentenceBand implements LawTerm {
    @JsonProperty("NO_IMPRISONMENT") NO_IMPRISONMENT("NO_IMPRISONMENT", "不判处有期徒刑以上刑罚（管制、单处附加刑、免予刑事处罚）"),
    @JsonProperty("CRIMINAL_DETENTION") CRIMINAL_DETENTION("CRIMINAL_DETENTION", "拘役"),
    @JsonProperty("UP_TO_3_YEARS") UP_TO_3_YEARS("UP_TO_3_YEARS", "三年以下有期徒刑"),
    @JsonProperty("3_TO_10_YEARS") THREE_TO_10_YEARS("3_TO_10_YEARS", "超过三年、不满十年有期徒刑"),
    @JsonProperty("10_YEARS_OR_MORE") TEN_YEARS_OR_MORE("10_YEARS_OR_MORE", "十年以上有期徒刑、无期徒刑或者死刑");

    private final String code;
    private final String label;

    SentenceBand(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String label() {
        return label;
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
