package com.lexrule.assessment;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.engine.Finding;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;

/**
 * What one assessment endpoint adds to the {@link AssessmentPipeline}: its request, the facts its rules see, its
 * answer, the outcome the audit trail keeps and the columns it is searched by. Everything else (choosing the version,
 * firing the rules, recording, answering) is the pipeline's and the same for every family. One bean per endpoint,
 * in the family's own package; the policy lifecycle finds them by family and path to run scenarios and back-tests.
 *
 * @param <R> the request body, validated at the REST boundary (or by the pipeline, for a request read from JSON)
 * @param <A> the answer body
 */
public interface FamilyDefinition<R, A> {

    /** The policy family that decides it, as in {@code rules/<family>/policy.json}. */
    String family();

    /** The assessment endpoint, as its resource declares it and a scenario file names it in "endpoint". */
    String path();

    Class<R> requestType();

    /**
     * Whether a stored request (an audited decision's facts) was sent to this endpoint. Only a family with two
     * endpoints (bail) tells them apart.
     */
    default boolean accepts(JsonNode request) {
        return true;
    }

    /** Adds every code of the request to the check against the deciding policy's catalog; nothing is evaluated before. */
    void checkCodes(R request, CodeCheck codes);

    /**
     * The case as the rules see it, built from the request and the policy's catalog, with the facts the rules fill
     * in. Called only once the codes are known to the catalog.
     */
    Case<A> facts(CompiledPolicy policy, R request);

    /** The outcome summary the audit trail keeps and a back-test compares, e.g. {@code MAY_ARREST/YELLOW/ARREST}. */
    String outcome(A answer);

    /**
     * The single value officers compare first (the arrest color, the meritorious-service determination), used for
     * transitions such as YELLOW→RED and as a special review's service value.
     */
    String grade(A answer);

    /** What the audit trail is searched and counted by. */
    AuditColumns columns(R request, A answer);

    /** One case being decided: the facts to insert, then the answer read from them once the rules have fired. */
    interface Case<A> {
        List<?> facts();

        A answer(DecisionStamp stamp, List<Finding> findings);
    }

    /**
     * The searchable columns of a decision record: the case and subject, the stage where the family has one, the
     * recommendation (measure, guarantee method, determination), the danger color and the crime type where they apply.
     */
    record AuditColumns(String caseId, String subjectId, String stage, String recommendation, String color,
                        String crimeType) {
    }
}
