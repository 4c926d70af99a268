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

@Path(BailDepositDefinition.PATH)
@Tag(name = "bail", description = "取保候审保证方式与保证金（刑事诉讼法第六十七条至第七十四条）")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking // the pipeline waits for the policy compile of a pinned version and for the audit commit
public class BailDepositResource {

    private final AssessmentPipeline pipeline;
    private final BailDepositDefinition bailDeposit;
    private final SecurityIdentity identity;

    public BailDepositResource(AssessmentPipeline pipeline, BailDepositDefinition bailDeposit, SecurityIdentity identity) {
        this.pipeline = pipeline;
        this.bailDeposit = bailDeposit;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("case-system")
    @Operation(operationId = "assessBailDeposit", summary = "Decide the guarantee method and bail deposit",
            description = "Decides whether bail is recommended, the one guarantee method (a guarantor or a deposit, never "
                    + "both) and the deposit range in yuan, with every rule that fired. The danger color is stated or "
                    + "taken from an audited arrest decision of the same case and subject. The decision is audited "
                    + "before it is answered.")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = BailDepositAssessment.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an invalid or negative field, both or neither of dangerColor and "
            + "arrestDecisionId, a guarantee method other than exactly one, or a code the policy does not know")
    @APIResponse(responseCode = "404", description = "The arrestDecisionId names no arrest decision of this case and subject")
    @APIResponse(responseCode = "422", description = "The pinned policy version does not exist or is not yet in force")
    public BailDepositAssessment assess(
            @Valid @NotNull BailDepositRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.assess(bailDeposit, request, PolicyPin.parse(policyVersion, policyVersionHeader), identity.getPrincipal().getName());
    }

    @POST
    @Path("simulate")
    @RolesAllowed({"integration-test", "case-system"})
    @Operation(operationId = "simulateBailDeposit", summary = "Dry run of a bail-deposit assessment: the same answer, nothing recorded",
            description = "For a client system's integration tests: answers exactly what the assessment endpoint would "
                    + "answer for the same call under the same (pinned) version, with \"recorded\": false and no decisionId. "
                    + "Nothing is written to the audit trail or the agreement statistics.")
    @APIResponse(responseCode = "200", description = "The assessment, not recorded",
            content = @Content(schema = @Schema(implementation = BailDepositAssessment.class)))
    public BailDepositAssessment simulate(
            @Valid @NotNull BailDepositRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.simulate(bailDeposit, request, PolicyPin.parse(policyVersion, policyVersionHeader));
    }
}
