package com.lexrule.policy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.problem.NotFoundProblem;

import io.quarkus.security.Authenticated;

/** The published policies: which versions exist and which is in force, their catalogs, and the baseline reload. */
@Path("/api/v1/policies")
@Tag(name = "policies", description = "政策版本、代码目录与基线重新加载")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyRegistry registry;

    public PolicyResource(PolicyRegistry registry) {
        this.registry = registry;
    }

    /** One published version as listed to callers. */
    public record VersionView(int version, String sha256, String effectiveFrom, boolean inForce, String changeNote,
                              String publishedBy, String publishedAt) {
    }

    /** A family and its versions, newest first. */
    public record FamilyView(String family, List<VersionView> versions) {
    }

    @GET
    @Authenticated
    @Operation(operationId = "listPolicies", summary = "List policy families and their versions",
            description = "Every published version with its effective date and hash, and which one is in force today. "
                    + "Pin one with ?policyVersion= or X-Policy-Version on any assessment.")
    @APIResponse(responseCode = "200", description = "The families and versions")
    public List<FamilyView> list() {
        return registry.families().stream().map(family -> {
            int inForce = registry.current(family).version().version();
            List<VersionView> versions = registry.versions(family).stream()
                    .sorted(Comparator.comparingInt(PolicyVersion::version).reversed())
                    .map(v -> new VersionView(v.version(), v.sha256(), v.effectiveFrom().toString(), v.version() == inForce,
                            v.changeNote(), v.publishedBy(), v.publishedAt() == null ? null : v.publishedAt().toString()))
                    .toList();
            return new FamilyView(family, versions);
        }).toList();
    }

    @GET
    @Path("/{family}/catalog")
    @Authenticated
    @Operation(operationId = "getPolicyCatalog", summary = "The codes a policy version knows, with their Chinese labels",
            description = "Crime types, indicators, mitigations and the other code lists of the version in force, or "
                    + "of the pinned one.")
    @APIResponse(responseCode = "200", description = "Catalog name → code → label and attributes")
    @APIResponse(responseCode = "404", description = "No such family")
    @APIResponse(responseCode = "422", description = "The pinned version does not exist or is not in force")
    public Map<String, Object> catalog(@PathParam("family") String family,
                                       @QueryParam(PolicyPin.QUERY) String policyVersion,
                                       @HeaderParam(PolicyPin.HEADER) String policyVersionHeader) {
        if (!registry.families().contains(family)) {
            throw new NotFoundProblem("没有政策族 " + family + " (no such policy family); known: " + registry.families());
        }
        CompiledPolicy policy = registry.resolve(family, PolicyPin.parse(policyVersion, policyVersionHeader));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("policy", PolicyRef.of(policy.version()));
        body.put("catalogs", policy.catalog().all());
        return body;
    }

    @POST
    @Path("/reload")
    @RolesAllowed("admin")
    @Operation(operationId = "reloadBaselinePolicies", summary = "Re-read the baseline policies on disk",
            description = "Publishes each family whose files on disk changed as a new version, after compiling it. "
                    + "A family that does not compile is refused with every error by file, sheet and cell, and its "
                    + "last good version keeps serving.")
    @APIResponse(responseCode = "200", description = "What was published per family")
    @APIResponse(responseCode = "422", description = "A policy does not compile; nothing of it was published")
    public Map<String, Object> reload() {
        return registry.reloadBaseline();
    }
}
