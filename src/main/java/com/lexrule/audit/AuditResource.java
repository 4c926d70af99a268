package com.lexrule.audit;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies the tamper-evident audit trail and hands out its signed checkpoints. */
@Path("/api/v1/audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final ChainVerifier verifier;
    private final Checkpoints checkpoints;
    private final AuditKeys keys;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AuditResource(ChainVerifier verifier, Checkpoints checkpoints, AuditKeys keys,
                         com.fasterxml.jackson.databind.ObjectMapper json) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.json = json;
    }

    @GET
    @Path("/verification")
    @RolesAllowed({"auditor", "admin"})
    @Operation(operationId = "verifyAuditChains", summary = "Verify the keyed hash chains of the audit trail",
            description = "Decisions, officers' decisions, objections and objection outcomes. Starts at the newest "
                    + "signed checkpoint of each chain, or with full=true from the first record, comparing every record "
                    + "with every checkpoint. Names the first record of each chain that does not hold (content altered, "
                    + "hash recomputed, removed, re-ordered) or the tail that is missing (which chain, which sequence number).")
    @APIResponse(responseCode = "200", description = "intact=true, or the broken records and tails")
    public ChainVerifier.Verification verify(
            @Parameter(description = "re-verify every record from the first, not from the newest checkpoint")
            @QueryParam("full") @DefaultValue("false") boolean full) {
        return verifier.verify(full);
    }

    @GET
    @Path("/verification/progress")
    @Produces("application/x-ndjson")
    @RolesAllowed({"auditor", "admin"})
    @Operation(operationId = "verifyAuditChainsWithProgress", summary = "Verify the audit chains, streaming progress as it goes",
            description = "The verification of verifyAuditChains, for a full re-verification of a large audit: one JSON "
                    + "object per line (NDJSON), each {\"progress\": {chain, chainsDone, chains, recordsChecked, "
                    + "recordsToCheck}} at most every half second and after each chain, and last {\"verification\": ...}, "
                    + "the same outcome verifyAuditChains answers. Pages are read by keyset in short transactions of their "
                    + "own, so no timeout of one transaction limits the run.")
    @APIResponse(responseCode = "200", description = "Progress lines, then the outcome")
    public Response verifyWithProgress(
            @Parameter(description = "re-verify every record from the first, not from the newest checkpoint")
            @QueryParam("full") @DefaultValue("false") boolean full) {
        StreamingOutput body = out -> {
            java.io.Writer writer = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
            ChainVerifier.Verification outcome = verifier.verify(full, progress -> line(writer, "progress", progress));
            line(writer, "verification", outcome);
        };
        return Response.ok(body, "application/x-ndjson").build();
    }

    private void line(java.io.Writer writer, String name, Object value) {
        try {
            writer.write(json.writeValueAsString(java.util.Map.of(name, value)));
            writer.write('\n');
            writer.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // the client went away: the verification stops with it
        }
    }

    /** The signed checkpoints and the key that verifies them, for verification away from the service. */
    public record CheckpointDownload(String algorithm, String publicKeyPem, String publicKeySha256, String signedBytes,
                                     List<Checkpoint> checkpoints) {
    }

    @GET
    @Path("/checkpoints")
    @RolesAllowed("auditor")
    @Operation(operationId = "listAuditCheckpoints", summary = "Download the signed checkpoints of every chain head, with the Ed25519 public key",
            description = "Each checkpoint's body is plain text; its signature (base64) covers the body's UTF-8 bytes "
                    + "exactly, and verifies with the public key given (openssl pkeyutl -verify -rawin). Compare the key's "
                    + "SHA-256 with the one you were given out of band.")
    @APIResponse(responseCode = "200", description = "Every checkpoint stored, newest first")
    public CheckpointDownload checkpoints() {
        return new CheckpointDownload(AuditKeys.SIGNATURE, keys.publicKeyPem(), keys.publicKeySha256(),
                "UTF-8 bytes of body", checkpoints.stored(0));
    }

    @POST
    @Path("/checkpoints")
    @RolesAllowed({"auditor", "admin"})
    @Operation(operationId = "writeAuditCheckpoint", summary = "Write a signed checkpoint of every chain head now",
            description = "Checkpoints are also written every lexrule.audit.checkpoint-interval.")
    @APIResponse(responseCode = "201", description = "The checkpoint written")
    public Response checkpointNow() {
        return Response.status(201).entity(checkpoints.write()).build();
    }
}
