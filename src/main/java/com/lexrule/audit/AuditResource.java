package com.lexrule.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies the tamper-evident audit trail. */
@Path("/api/v1/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final ChainVerifier verifier;

    public AuditResource(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Path("/verification")
    @RolesAllowed({"auditor", "admin"})
    @Operation(summary = "Re-compute the hash chains of the decision records",
            description = "Reads every record from the first of each chain, re-computes its hash and its link to the "
                    + "previous one, and names the first record that does not hold (altered, removed, re-ordered).")
    @APIResponse(responseCode = "200", description = "intact=true, or the first broken record")
    public ChainVerifier.Verification verify() {
        return verifier.verify();
    }
}
