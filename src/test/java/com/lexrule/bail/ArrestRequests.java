package com.lexrule.bail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Arrest assessments the bail tests link to or compare against (DOMAIN §1). */
final class ArrestRequests {
    private ArrestRequests() {
    }

    /**
     * A repeated theft by a first offender: a yellow code under the example policy (its points and color are the
     * arrest scenario 盗窃初犯，多次作案…, rules/arrest/scenarios/arrest-baseline.json).
     */
    static Map<String, Object> yellowTheft(String caseId, String subjectId) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId);
        body.put("subjectId", subjectId);
        body.put("stage", "ARREST_REVIEW");
        body.put("crimeType", "THEFT");
        body.put("evidenceOfCrime", true);
        body.put("expectedSentence", "UP_TO_3_YEARS");
        body.put("priorIntentionalCrime", false);
        body.put("identityUnknown", false);
        body.put("age", 30);
        body.put("dangerIndicators", List.of("REPEATED_OR_ROAMING_OFFENDING"));
        body.put("mitigations", new ArrayList<>(List.of("FIRST_OFFENCE")));
        body.put("violatedBailConditions", false);
        return body;
    }
}
