package com.lexrule.meritorious;

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

@Path(MeritoriousDefinition.PATH)
@Tag(name = "meritorious-service", description = "立功认定与立功证据审查（刑法第六十八条、立功证据指引）")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking // the pipeline waits for the policy compile of a pinned version and for the audit commit
public class MeritoriousResource {

    private final AssessmentPipeline pipeline;
    private final MeritoriousDefinition meritorious;
    private final SecurityIdentity identity;

    public MeritoriousResource(AssessmentPipeline pipeline, MeritoriousDefinition meritorious, SecurityIdentity identity) {
        this.pipeline = pipeline;
        this.meritorious = meritorious;
        this.identity = identity;
    }

    @POST
    @RolesAllowed("case-system")
    @Operation(operationId = "assessMeritoriousService", summary = "Assess a claimed meritorious service (立功) and its evidence",
            description = "Decides whether the claim is major meritorious service, meritorious service, not meritorious "
                    + "(with each exclusion and its source) or insufficiently proven (with each missing item, what it "
                    + "must show and who issues it), and the sentencing effect under CL art. 68. Exclusions take "
                    + "precedence over verification, practical effect, evidence and the major test. The decision is "
                    + "audited before it is answered.")
    @APIResponse(responseCode = "200", description = "The assessment",
            content = @Content(schema = @Schema(implementation = MeritoriousAssessment.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an invalid or missing field (e.g. assistanceKind for ASSISTED_CAPTURE), or a code the policy does not know")
    @APIResponse(responseCode = "422", description = "The pinned policy version does not exist or is not yet in force")
    public MeritoriousAssessment assess(
            @Valid @NotNull MeritoriousRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.assess(meritorious, request, PolicyPin.parse(policyVersion, policyVersionHeader), identity.getPrincipal().getName());
    }

    @POST
    @Path("simulate")
    @RolesAllowed({"integration-test", "case-system"})
    @Operation(operationId = "simulateMeritoriousService", summary = "Dry run of a meritorious-service assessment: the same answer, nothing recorded",
            description = "For a client system's integration tests: answers exactly what the assessment endpoint would "
                    + "answer for the same call under the same (pinned) version, with \"recorded\": false and no decisionId. "
                    + "Nothing is written to the audit trail or the agreement statistics.")
    @APIResponse(responseCode = "200", description = "The assessment, not recorded",
            content = @Content(schema = @Schema(implementation = MeritoriousAssessment.class)))
    public MeritoriousAssessment simulate(
            @Valid @NotNull MeritoriousRequest request,
            @Parameter(description = "Pin a policy version (else the version in force today)") @QueryParam(PolicyPin.QUERY) String policyVersion,
            @Parameter(description = "Pin a policy version, as a header") @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        return pipeline.simulate(meritorious, request, PolicyPin.parse(policyVersion, policyVersionHeader));
    }
}
