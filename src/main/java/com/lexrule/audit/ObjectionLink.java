package com.lexrule.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * The objection a re-assessment answers, taken from {@code ?objectionId=} or {@code X-Objection-Id} on any
 * assessment call, so that every family links its re-assessments the same way.
 */
@RequestScoped
public class ObjectionLink {
    private String objectionId;

    public String objectionId() {
        return objectionId;
    }

    void set(String objectionId) {
        this.objectionId = objectionId;
    }
}
