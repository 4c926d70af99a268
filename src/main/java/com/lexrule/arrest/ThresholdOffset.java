package com.lexrule.arrest;

/** A shift of every color threshold, e.g. upwards for a minor (CPL 280: arrest of minors strictly limited). */
public record ThresholdOffset(int offset) {
    public int getOffset() {
        return offset;
    }
}
