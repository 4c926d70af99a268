package com.lexrule.audit;

import java.util.Optional;

/**
 * Which case and family an objection concerns, so that a re-assessment is linked only to an objection of its own
 * case. The review capability keeps objections and answers this; the audit does not read review's records.
 */
public interface ObjectionCases {

    /** The case and family of the decision objected to. */
    record Concerned(String caseId, String family) {
    }

    /** Empty when there is no such objection. */
    Optional<Concerned> caseOf(String objectionId);
}
