package com.lexrule.insight;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.assessment.Counterfactuals;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.NotFoundProblem;

import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/decisions/{id}/counterfactuals")
@Tag(name = "insight", description = "政策洞察：反事实分析、规则覆盖与校准")
@Produces(MediaType.APPLICATION_JSON)
@Blocking // a pinned version may have to compile
public class CounterfactualResource {

    private final CounterfactualSearch search;
    private final PolicyRegistry registry;
    private final DecisionLedger ledger;
    private final List<FamilyDefinition<?, ?>> definitions;

    public CounterfactualResource(CounterfactualSearch search, PolicyRegistry registry, DecisionLedger ledger,
                                  @Any Instance<FamilyDefinition<?, ?>> definitions) {
        this.search = search;
        this.registry = registry;
        this.ledger = ledger;
        this.definitions = definitions.stream().toList();
    }

    @GET
    @RolesAllowed({"legal-officer", "auditor", "case-system"})
    @Operation(operationId = "getDecisionCounterfactuals", summary = "What would change an audited decision's outcome",
            description = "The smallest sets of changes to the decision's changeable facts (as its policy declares them) "
                    + "that change its outcome, each re-evaluated under the same policy version and hash as the decision. "
                    + "Facts the law holds fixed (the crime, the age, the stage) are never changed. Nothing is recorded.")
    @APIResponse(responseCode = "200", description = "The counterfactuals",
            content = @Content(schema = @Schema(implementation = Counterfactuals.Report.class)))
    @APIResponse(responseCode = "404", description = "No such decision")
    public Counterfactuals.Report get(@PathParam("id") String id,
            @Parameter(description = "How many alternatives to list (the rest are counted in \"more\")")
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        DecisionView decision = ledger.find(id).orElseThrow(() -> new NotFoundProblem("决定 " + id + " 不存在 (no such decision)"));
        JsonNode request = decision.request();
        CompiledPolicy policy = registry.resolve(decision.family(), decision.policy().version());
        FamilyDefinition<?, ?> family = definitions.stream()
                .filter(d -> d.family().equals(decision.family()) && d.accepts(request)).findFirst()
                .orElseThrow(() -> new NotFoundProblem("决定 " + id + " 的评估类型已不再提供 (no endpoint decides this family)"));
        return search.search(family, policy, request, limit);
    }
}
