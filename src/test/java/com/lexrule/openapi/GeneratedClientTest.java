package com.lexrule.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lexrule.client.ApiClient;
import com.lexrule.client.ApiException;
import com.lexrule.client.api.AccountabilityApi;
import com.lexrule.client.api.ArrestApi;
import com.lexrule.client.api.BailApi;
import com.lexrule.client.api.MeritoriousServiceApi;
import com.lexrule.client.model.ArrestAssessment;
import com.lexrule.client.model.ArrestRequest;
import com.lexrule.client.model.BailDepositAssessment;
import com.lexrule.client.model.BailDepositRequest;
import com.lexrule.client.model.CompensationDepositAssessment;
import com.lexrule.client.model.CompensationDepositRequest;
import com.lexrule.client.model.MeritoriousAssessment;
import com.lexrule.client.model.MeritoriousRequest;
import com.lexrule.client.model.Objection;
import com.lexrule.client.model.ObjectionOutcome;
import com.lexrule.client.model.ObjectionOutcomeRequest;
import com.lexrule.client.model.ObjectionRequest;
import com.lexrule.client.model.OfficerDecision;
import com.lexrule.client.model.OfficerDecisionRequest;
import com.lexrule.client.model.Problem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a case system does: generate a Java client from the contract (openapi-generator, at build time, see pom.xml)
 * and call the service with it. It runs every README and docs example (the recorded examples, which are those), gets
 * problems as typed bodies, and pins a version. It fails if the document and the service drift apart.
 */
@QuarkusTest
class GeneratedClientTest {

    @TestHTTPResource("/")
    URL base;

    private final ObjectMapper json = new ObjectMapper();

    private ApiClient as(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        String basic = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + basic));
        return client;
    }

    /** The examples exactly as the served document shows them. */
    private static Map<String, ContractFilter.Example> examples() {
        return ContractFilter.recorded();
    }

    private <T> T request(Map<String, ContractFilter.Example> examples, String operationId, Class<T> type) {
        return as("case-system").getObjectMapper().convertValue(examples.get(operationId).request(), type);
    }

    @Test
    void every_documented_example_runs_through_the_generated_client() throws Exception {
        Map<String, ContractFilter.Example> examples = examples();
        ArrestAssessment arrest = new ArrestApi(as("case-system"))
                .assessArrest(request(examples, "assessArrest", ArrestRequest.class), null, null, null, null, null);
        assertThat(arrest.getColor()).hasToString(json.valueToTree(examples.get("assessArrest").response()).get("color").asText());
        assertThat(arrest.getFindings()).isNotEmpty();

        BailApi bail = new BailApi(as("case-system"));
        BailDepositAssessment deposit = bail.assessBailDeposit(request(examples, "assessBailDeposit", BailDepositRequest.class),
                null, null, null, null, null);
        assertThat(deposit.getGuaranteeMethod()).hasToString("DEPOSIT");
        CompensationDepositAssessment compensation = bail.assessCompensationDeposit(
                request(examples, "assessCompensationDeposit", CompensationDepositRequest.class), null, null, null, null, null);
        assertThat(compensation.getEligible()).isTrue();
        MeritoriousAssessment merit = new MeritoriousServiceApi(as("case-system")).assessMeritoriousService(
                request(examples, "assessMeritoriousService", MeritoriousRequest.class), null, null, null, null, null);
        assertThat(merit.getDetermination()).hasToString("INSUFFICIENT_EVIDENCE");

        OfficerDecision decided = new AccountabilityApi(as("officer")).recordOfficerDecision(arrest.getDecisionId(),
                request(examples, "recordOfficerDecision", OfficerDecisionRequest.class));
        assertThat(decided.getDecisionId()).isEqualTo(arrest.getDecisionId());
        Objection objection = new AccountabilityApi(as("case-system")).recordObjection(arrest.getDecisionId(),
                request(examples, "recordObjection", ObjectionRequest.class));
        ObjectionOutcome outcome = new AccountabilityApi(as("officer")).recordObjectionOutcome(objection.getId(),
                request(examples, "recordObjectionOutcome", ObjectionOutcomeRequest.class));
        assertThat(outcome.getObjectionId()).isEqualTo(objection.getId());
    }

    @Test
    void a_problem_arrives_as_a_typed_body_naming_the_field() throws Exception {
        ArrestRequest request = request(examples(), "assessArrest", ArrestRequest.class).crimeType("NOT_A_CRIME");
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new ArrestApi(as("case-system")).assessArrest(request, null, null, null, null, null));
        assertThat(refused.getCode()).isEqualTo(400);
        Problem problem = as("case-system").getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).anySatisfy(error -> assertThat(((Map<?, ?>) error).get("field")).isEqualTo("crimeType"));
    }

    @Test
    void a_pinned_version_is_the_version_that_answers_and_an_unknown_one_is_refused() throws Exception {
        ArrestRequest request = request(examples(), "assessArrest", ArrestRequest.class);
        ArrestAssessment pinned = new ArrestApi(as("case-system")).assessArrest(request, "1", null, null, null, null);
        assertThat(pinned.getPolicy().getVersion()).isEqualTo(1);
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> new ArrestApi(as("case-system")).assessArrest(request, null, "9999", null, null, null));
        assertThat(refused.getCode()).isEqualTo(422);
    }

    @Test
    void a_role_the_endpoint_does_not_list_is_refused() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> new ArrestApi(as("auditor"))
                .assessArrest(new ArrestRequest(), null, null, null, null, null));
        assertThat(refused.getCode()).isEqualTo(403);
    }
}
