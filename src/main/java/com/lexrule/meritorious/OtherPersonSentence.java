package com.lexrule.meritorious;

import com.lexrule.boundary.LawTerm;

/**
 * The punishment the reported or captured person is likely to receive. Life imprisonment or death makes the other
 * crime a major one (SPC-1998 art. 7: 可能被判处无期徒刑以上刑罚).
 */
public enum OtherPersonSentence implements LawTerm {
    BELOW_LIFE("无期徒刑以下"),
    LIFE_OR_DEATH("无期徒刑以上");

    private final String label;

    OtherPersonSentence(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
