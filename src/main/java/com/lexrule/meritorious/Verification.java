package com.lexrule.meritorious;

/** Whether the lead or the reported crime has been checked (查证属实 · 查证不实 · 待查), as CL art. 68 requires. */
public enum Verification {
    VERIFIED, NOT_VERIFIED, PENDING
}
