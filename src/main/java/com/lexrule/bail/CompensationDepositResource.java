package com.lexrule.bail;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.assessment.AssessmentPipeline;
import com.lexrule.policy.PolicyPin;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

@Path(CompensationDepositDefinition.PATH)
@Tag(name = "bail", description = "赔偿保证金（轻罪案件）")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking // the pipeline waits for the policy compile of a pinned version and for the audit commit
public class CompensationDepositResource {

    private final AssessmentPipeline pipeline;
    private final CompensationDepositDefinition compensationDeposit;
    private final SecurityIdentity identity;

    public CompensationDepositResource(AssessmentPipeline pipeline, CompensationDepositDefinition compensationDeposit, SecurityIdentity identity) {
        this.pipeline = pipeline;
        this.compensationDeposit = compensationDeposit;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("case-system")
    @Operation(operationId = "assessCompensationDeposit", summary = "Assess a compensation deposit in a light crime",
            description = "Decides whether a compensation deposit may be used (light crimes on the policy list, victim "
                    + "unreachable or demanding more than the law supports, subject willing), its amount in yuan and "
                    + "its effects, e.g. the arrest mitigation COMPENSATION_DEPOSIT_PAID. The decision is audited "
                    + "before it is answered.")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = CompensationDepositAssessment.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an invalid or negative field, or a code the policy does not know")
    @APIResponse(responseCode = "422", description = "The pinned policy version does not exist or is not yet in force")
    public CompensationDepositAssessment assess(
            @Valid @NotNull CompensationDepositRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.assess(compensationDeposit, request, PolicyPin.parse(policyVersion, policyVersionHeader), identity.getPrincipal().getName());
    }

    @POST
    @Path("simulate")
    @RolesAllowed({"integration-test", "case-system"})
    @Operation(operationId = "simulateCompensationDeposit", summary = "Dry run of a compensation-deposit assessment: the same answer, nothing recorded",
            description = "For a client system's integration tests: answers exactly what the assessment endpoint would "
                    + "answer for the same call under the same (pinned) version, with \"recorded\": false and no decisionId. "
                    + "Nothing is written to the audit trail or the agreement statistics.")
    @APIResponse(responseCode = "200", description = "The assessment, not recorded",
            content = @Content(schema = @Schema(implementation = CompensationDepositAssessment.class)))
    public CompensationDepositAssessment simulate(
            @Valid @NotNull CompensationDepositRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.simulate(compensationDeposit, request, PolicyPin.parse(policyVersion, policyVersionHeader));
    }
}
