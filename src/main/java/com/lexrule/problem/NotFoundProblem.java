package com.lexrule.problem;

/** Something a caller named (a decision, a version) does not exist. */
public class NotFoundProblem extends RuntimeException {
    public NotFoundProblem(String message) {
        super(message);
    }
}
