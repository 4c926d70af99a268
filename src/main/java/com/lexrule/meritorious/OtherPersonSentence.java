package com.lexrule.meritorious;

/**
 * The punishment the reported or captured person is likely to receive. Life imprisonment or death makes the other
 * crime a major one (SPC-1998 art. 7: 可能被判处无期徒刑以上刑罚).
 */
public enum OtherPersonSentence {
    BELOW_LIFE, LIFE_OR_DEATH
}
