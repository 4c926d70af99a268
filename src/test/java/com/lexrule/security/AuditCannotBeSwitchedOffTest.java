package com.lexrule.security;

import static com.lexrule.support.Api.as;
import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.lexrule.arrest.ArrestRulesTest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * No setting silences the audit: the benchmark switch that once answered decisions without recording them is gone,
 * and setting its old name changes nothing. Benchmarks measure the audited service.
 */
@QuarkusTest
@TestProfile(AuditCannotBeSwitchedOffTest.OldBenchmarkSwitchSet.class)
class AuditCannotBeSwitchedOffTest {

    public static class OldBenchmarkSwitchSet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lexrule.audit.benchmark-without-audit", "true");
        }
    }

    @Test
    void aDecisionAnsweredWithTheOldSwitchSetIsStillRecorded() {
        String decisionId = post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", "NO-SWITCH-1"))
                .statusCode(200).extract().path("decisionId");
        as("auditor").get("/api/v1/decisions/" + decisionId).then().statusCode(200)
                .body("decision.caseId", equalTo("NO-SWITCH-1"));
    }
}
