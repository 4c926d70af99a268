package com.lexrule.arrest;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The likely punishment (可能判处的刑罚), in increasing order of severity. The order matters: a stated sentence
 * is capped at the crime's statutory maximum, which the crime catalog gives in the same codes.
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
