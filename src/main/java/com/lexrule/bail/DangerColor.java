package com.lexrule.bail;

/** The social-danger code (三色码) of an arrest assessment, most dangerous last: the deposit never falls along it. */
public enum DangerColor {
    GREEN, YELLOW, RED
}
