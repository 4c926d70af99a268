package com.lexrule.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.arrest.ArrestDefinition;
import com.lexrule.arrest.ArrestRequest;
import com.lexrule.arrest.ArrestRulesTest;
import com.lexrule.audit.DecisionRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pipeline commits each decision by itself before it answers: it refuses to run inside a caller's transaction,
 * where the record would commit (or roll back) with someone else's work after the answer was given.
 */
@QuarkusTest
class AssessmentPipelineTest {

    @Inject
    AssessmentPipeline pipeline;

    @Inject
    ArrestDefinition arrest;

    @Inject
    ObjectMapper json;

    @Test
    void aDecisionIsCommittedWhenItsAnswerIsReturned() throws Exception {
        var answer = pipeline.assess(arrest, request("PIPELINE-1"), null, "case-system");
        DecisionRecord record = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.findById(answer.decisionId()));
        assertThat(record).isNotNull();
        assertThat(record.outcome).isEqualTo(arrest.outcome(answer));
        assertThat(record.createdAt).isEqualTo(answer.decidedAt());
    }

    @Test
    void anAssessmentInsideACallersTransactionIsRefusedAndNothingIsRecorded() throws Exception {
        ArrestRequest request = request("PIPELINE-2");
        Throwable refused = catchThrowable(() -> QuarkusTransaction.requiringNew().run(
                () -> pipeline.assess(arrest, request, null, "case-system")));
        assertThat(refused).isInstanceOf(TransactionalException.class);
        long recorded = QuarkusTransaction.requiringNew().call(() -> DecisionRecord.count("caseId", "PIPELINE-2"));
        assertThat(recorded).isZero();
    }

    private ArrestRequest request(String caseId) throws Exception {
        return json.convertValue(com.lexrule.support.Api.with(ArrestRulesTest.CASE, "caseId", caseId,
                "dangerIndicators", List.of("FLIGHT_HISTORY")), ArrestRequest.class);
    }
}
