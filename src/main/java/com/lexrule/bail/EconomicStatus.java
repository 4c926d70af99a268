package com.lexrule.bail;

/** The subject's economic status (经济状况, CPL 72), poorest first: the deposit never falls along it. */
public enum EconomicStatus {
    HARDSHIP, ORDINARY, WEALTHY
}
