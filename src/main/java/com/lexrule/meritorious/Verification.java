package com.lexrule.meritorious;

import com.lexrule.boundary.LawTerm;

/** Whether the lead or the reported crime has been checked (查证属实 · 查证不实 · 待查), as CL art. 68 requires. */
public enum Verification implements LawTerm {
    VERIFIED("查证属实"),
    NOT_VERIFIED("查证不实"),
    PENDING("待查");

    private final String label;

    Verification(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
