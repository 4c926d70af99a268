package com.lexrule.arrest;

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

@Path(ArrestDefinition.PATH)
@Tag(name = "arrest", description = "逮捕条件与社会危险性评估（刑事诉讼法第八十一条）")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking // the pipeline waits for the policy compile of a pinned version and for the audit commit
public class ArrestResource {

    private final AssessmentPipeline pipeline;
    private final ArrestDefinition arrest;
    private final SecurityIdentity identity;

    public ArrestResource(AssessmentPipeline pipeline, ArrestDefinition arrest, SecurityIdentity identity) {
        this.pipeline = pipeline;
        this.arrest = arrest;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("case-system")
    @Operation(operationId = "assessArrest", summary = "Assess arrest conditions and social danger",
            description = "Decides the CPL art. 81 category, the social-danger score and color, and the recommended "
                    + "measure, with every rule that fired. The decision is audited before it is answered.")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = ArrestAssessment.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an invalid field, or a code the policy does not know")
    @APIResponse(responseCode = "422", description = "The pinned policy version does not exist or is not yet in force")
    public ArrestAssessment assess(
            @Valid @NotNull ArrestRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.assess(arrest, request, PolicyPin.parse(policyVersion, policyVersionHeader), identity.getPrincipal().getName());
    }

    @POST
    @Path("simulate")
    @RolesAllowed({"integration-test", "case-system"})
    @Operation(operationId = "simulateArrest", summary = "Dry run of an arrest assessment: the same answer, nothing recorded",
            description = "For a client system's integration tests: answers exactly what the assessment endpoint would "
                    + "answer for the same call under the same (pinned) version, with \"recorded\": false and no decisionId. "
                    + "Nothing is written to the audit trail or the agreement statistics.")
    @APIResponse(responseCode = "200", description = "The assessment, not recorded",
            content = @Content(schema = @Schema(implementation = ArrestAssessment.class)))
    public ArrestAssessment simulate(
            @Valid @NotNull ArrestRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.simulate(arrest, request, PolicyPin.parse(policyVersion, policyVersionHeader));
    }
}
