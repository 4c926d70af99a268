package com.lexrule.responsibility;

import com.lexrule.boundary.LawTerm;

/**
 * What an intentional homicide or injury caused, in the words on which CL art. 17 makes the responsibility of a
 * person under sixteen turn: ¶2 (故意伤害致人重伤或者死亡) for 14–15, ¶3 (致人死亡或者以特别残忍手段致人重伤造成严重残疾)
 * for 12–13. These are the law's categories, so they are an enumeration; which of them a crime of the catalog
 * requires at each age is policy data in the crime catalog.
 */
public enum InjuryOutcome implements LawTerm {
    DEATH("致人死亡"),
    /** Also a serious injury. */
    SEVERE_DISABILITY_BY_CRUEL_MEANS("以特别残忍手段致人重伤造成严重残疾"),
    SERIOUS_INJURY("致人重伤"),
    /** 轻伤、轻微伤或者未造成伤害. */
    NO_SERIOUS_INJURY("未致人重伤或者死亡");

    private final String label;

    InjuryOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    static InjuryOutcome ofCode(String code) {
        for (InjuryOutcome outcome : values()) {
            if (outcome.name().equals(code)) return outcome;
        }
        return null;
    }
}
