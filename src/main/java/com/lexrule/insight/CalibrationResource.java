package com.lexrule.insight;

import java.net.URI;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.policy.lifecycle.DraftService;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

@Path("/api/v1/calibration")
@Tag(name = "insight", description = "政策洞察：反事实分析、规则覆盖与校准")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class CalibrationResource {

    private final CalibrationService calibration;
    private final SecurityIdentity identity;

    public CalibrationResource(CalibrationService calibration, SecurityIdentity identity) {
        this.calibration = calibration;
        this.identity = identity;
    }

    @GET
    @Path("arrest")
    @RolesAllowed({"auditor", "legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "getArrestCalibration", summary = "The color thresholds that best agree with officers' final decisions",
            description = "For each crime type and overall, from the audited arrest decisions the color bands decided and "
                    + "an officer's final decision was recorded on (minors, whose thresholds are raised, left out): the red "
                    + "and yellow thresholds of the version in force, those that would agree best, and the agreement now "
                    + "and with them, with a bootstrap 95% interval and the number of decisions. Nothing is proposed below "
                    + "lexrule.calibration.min-decisions. Agreement with officers is not correctness in law; nothing is applied.")
    @APIResponse(responseCode = "200", description = "The calibration",
            content = @Content(schema = @Schema(implementation = CalibrationService.ArrestCalibration.class)))
    @APIResponse(responseCode = "400", description = "A date that is not a date, or to before from")
    public CalibrationService.ArrestCalibration arrest(
            @Parameter(description = "First day of the decisions (lexrule.zone), inclusive; default a year before to") @QueryParam("from") LocalDate from,
            @Parameter(description = "Last day, inclusive; default today") @QueryParam("to") LocalDate to) {
        return calibration.arrest(from, to);
    }

    @POST
    @Path("arrest/draft")
    @RolesAllowed("legal-officer")
    @Operation(operationId = "draftArrestCalibration", summary = "Turn a threshold proposal into a draft of the threshold table",
            description = "The proposal of GET /api/v1/calibration/arrest over the same period, written into the published "
                    + "threshold table and submitted as a draft through the normal lifecycle (checked as an upload, then "
                    + "scenarios, back-test and approval by a second person). Nothing is published.")
    @APIResponse(responseCode = "201", description = "The draft",
            content = @Content(schema = @Schema(implementation = DraftService.DraftView.class)))
    @APIResponse(responseCode = "409", description = "The proposal equals the current thresholds")
    @APIResponse(responseCode = "422", description = "Too few decisions to propose anything, or none of the crime type")
    public Response draft(@Parameter(description = "First day, inclusive") @QueryParam("from") LocalDate from,
                          @Parameter(description = "Last day, inclusive") @QueryParam("to") LocalDate to,
                          @Parameter(description = "Draft one crime type's proposal instead of the overall one (the table "
                                  + "still applies to every crime type)") @QueryParam("crimeType") String crimeType) {
        DraftService.DraftView draft = calibration.draft(from, to, crimeType == null || crimeType.isBlank() ? null : crimeType.trim(),
                new DraftService.Actor(identity.getPrincipal().getName(), identity.hasRole("admin")));
        return Response.created(URI.create("/api/v1/policies/" + draft.family() + "/drafts/" + draft.id())).entity(draft).build();
    }

    @GET
    @Path("{family}/agreement")
    @RolesAllowed({"auditor", "legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "getAgreementAnalysis", summary = "Recommendations against officers' final decisions, with confidence intervals",
            description = "Overall and by crime type: the share of audited decisions whose officer's final decision equals "
                    + "the recommendation (arrest: the measure; meritorious-service: the determination against the one "
                    + "recognised; bail: the guarantee method against the one decided), with a bootstrap 95% interval, the "
                    + "number of decisions, and the table recommended → taken.")
    @APIResponse(responseCode = "200", description = "The analysis",
            content = @Content(schema = @Schema(implementation = CalibrationService.AgreementAnalysis.class)))
    @APIResponse(responseCode = "404", description = "No such family")
    public CalibrationService.AgreementAnalysis agreement(@PathParam("family") String family,
            @Parameter(description = "First day, inclusive") @QueryParam("from") LocalDate from,
            @Parameter(description = "Last day, inclusive") @QueryParam("to") LocalDate to) {
        return calibration.agreement(family, from, to);
    }
}
