package com.lexrule.bail;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestFamily;
import com.lexrule.audit.DecisionRecord;
import com.lexrule.problem.NotFoundProblem;

/**
 * Takes the danger color of a bail request from an audited arrest assessment: the color as it was answered and
 * recorded, not as today's policy would give it. Only a decision of the same case and subject counts; any other
 * is reported as not found, so a case system cannot borrow another subject's color.
 */
@ApplicationScoped
public class ArrestColorLink {

    private final ObjectMapper json;

    public ArrestColorLink(ObjectMapper json) {
        this.json = json;
    }

    public DangerColor colorOf(String arrestDecisionId, String caseId, String subjectId) {
        DecisionRecord record = DecisionRecord.<DecisionRecord>findByIdOptional(arrestDecisionId)
                .filter(r -> ArrestFamily.NAME.equals(r.family) && caseId.equals(r.caseId) && subjectId.equals(r.subjectId))
                .orElseThrow(() -> new NotFoundProblem("案件 " + caseId + " 犯罪嫌疑人 " + subjectId + " 没有编号为 " + arrestDecisionId
                        + " 的逮捕评估决定 (no arrest decision " + arrestDecisionId + " for this case and subject)"));
        try {
            JsonNode color = json.readTree(record.responseJson).path("color");
            return DangerColor.valueOf(color.asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("recorded arrest decision " + arrestDecisionId + " has no readable color", e);
        }
    }
}
