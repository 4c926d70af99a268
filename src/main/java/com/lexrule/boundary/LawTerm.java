package com.lexrule.boundary;

/**
 * A value of the law's own enumerations (the CL 99 sentence bands, the CL 17 results, the procedure's stages), with
 * the statute's words for it. These lists are law that the Java code reasons with, so they are enums, and their
 * names in Chinese are the statute's, kept with them; a list that policy may extend is a catalog sheet with its
 * labels instead (docs/architecture.md, "which list lives where").
 */
public interface LawTerm {

    /** The value as a request carries it. */
    default String code() {
        return ((Enum<?>) this).name();
    }

    /** The statute's words for it. */
    String label();
}
