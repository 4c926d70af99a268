package com.lexrule.problem;

/** The request conflicts with what is already recorded, which is never overwritten. */
public class ConflictProblem extends RuntimeException {
    public ConflictProblem(String message) {
        super(message);
    }
}
