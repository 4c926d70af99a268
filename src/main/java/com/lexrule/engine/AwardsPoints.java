package com.lexrule.engine;

/** A fact whose points, once a rule has awarded them, belong in that rule's finding. */
public interface AwardsPoints {
    /** The points awarded so far, or null when none were. */
    Integer awardedPoints();
}
