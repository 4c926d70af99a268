package com.lexrule.audit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.boundary.InvalidParameterException;

import io.quarkus.security.Authenticated;

/**
 * The check of a printed assessment report (评估报告): its verification code is the record's chain hash. Open to
 * every authenticated caller, a court's included, who holds the paper and not the audit: it tells whether the
 * record exists and is unaltered, and its outcome, and nothing else of the case.
 */
@Path("/api/v1/verification/{code}")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class VerificationResource {

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

    private final ChainVerifier verifier;

    public VerificationResource(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GET
    @Operation(operationId = "verifyDecisionCode", summary = "Check a printed report's verification code",
            description = "The code is the decision record's chain hash (64 hexadecimal digits), printed on the report and "
                    + "in its QR code. The record is checked as the chain verifier checks each record: its content against "
                    + "its hash, its link to the record before, its HMAC. exists=false: no record has this code (mistyped, "
                    + "or the record was altered and its hash recomputed); intact=false: the record was altered (problem "
                    + "says how). The outcome is given only for an intact record.")
    @APIResponse(responseCode = "200", description = "Whether the record exists and is unaltered, and its outcome",
            content = @Content(schema = @Schema(implementation = ChainVerifier.RecordCheck.class)))
    @APIResponse(responseCode = "400", description = "The code is not 64 hexadecimal digits")
    public ChainVerifier.RecordCheck verify(
            @Parameter(description = "the verification code printed on the report",
                    schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9a-fA-F]{64}$"),
                    example = "fd364423877a7b9bc600e02007cb80799f129b7cd41c85ed168a01803b491ef9")
            @PathParam("code") String code) {
        if (!CODE.matcher(code).matches()) {
            throw new InvalidParameterException("code", "64 位十六进制数字 (64 hexadecimal digits)", code.length() > 80 ? code.substring(0, 80) + "…" : code);
        }
        return verifier.verifyDecision(code.toLowerCase(java.util.Locale.ROOT));
    }
}
