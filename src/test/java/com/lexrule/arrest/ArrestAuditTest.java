package com.lexrule.arrest;

import static com.lexrule.support.Api.post;
import static com.lexrule.support.Api.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.lexrule.audit.DecisionRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every decision is stored with its facts, its answer, the policy that decided it, the caller and the time. */
@QuarkusTest
class ArrestAuditTest {

    @Test
    void anAnsweredDecisionIsStoredWithItsFactsAnswerPolicyAndCaller() {
        JsonPath answer = post("case-system", ArrestRulesTest.PATH, with(ArrestRulesTest.CASE, "caseId", "AUDIT-1",
                "dangerIndicators", List.of("FLIGHT_HISTORY"))).statusCode(200).extract().jsonPath();
        DecisionRecord record = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(answer.getString("decisionId")));
        assertThat(record).isNotNull();
        assertThat(record.family).isEqualTo("arrest");
        assertThat(record.caseId).isEqualTo("AUDIT-1");
        assertThat(record.stage).isEqualTo("ARREST_REVIEW");
        assertThat(record.caller).isEqualTo("case-system");
        assertThat(record.policyVersion).isEqualTo(answer.getInt("policy.version"));
        assertThat(record.policySha256).isEqualTo(answer.getString("policy.sha256"));
        assertThat(record.outcome).isEqualTo("MAY_ARREST/YELLOW/ARREST");
        assertThat(JsonPath.from(record.requestJson).getList("dangerIndicators")).containsExactly("FLIGHT_HISTORY");
        assertThat(JsonPath.from(record.responseJson).getList("findings.ruleId", String.class)).contains("ARR-COLOR-YELLOW");
        assertThat(record.createdAt).isNotNull();
    }
}
