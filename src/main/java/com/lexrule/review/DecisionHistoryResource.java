package com.lexrule.review;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.problem.NotFoundProblem;

/**
 * One decision with everything that followed it, for auditors. It sits with the review records it joins to the
 * audited decision (read through {@link DecisionLedger}), so that the audit depends on nothing of review's; the
 * search and the export of decisions are {@code audit/DecisionResource}, on the same path.
 */
@Path("/api/v1/decisions")
@Tag(name = "audit", description = "决定记录查询、历史与导出（审计人员）")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class DecisionHistoryResource {

    private final DecisionLedger ledger;
    private final AccountabilityService accountability;

    public DecisionHistoryResource(DecisionLedger ledger, AccountabilityService accountability) {
        this.ledger = ledger;
        this.accountability = accountability;
    }

    /** An objection with its outcome and the re-assessments made on it. */
    public record ObjectionView(Objection objection, ObjectionOutcome outcome, List<String> reassessments) {
    }

    /** A decision and everything that followed it, and the other assessments of the same case by stage. */
    public record DecisionHistory(DecisionView decision, List<OfficerDecision> officerDecisions,
                                  List<ObjectionView> objections, List<DecisionView> caseAssessments) {
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(operationId = "getDecision", summary = "One decision with its whole history",
            description = "The facts and answer as exchanged, the officer's decisions (corrections as linked entries), "
                    + "objections with their outcomes and re-assessments, and every assessment of the same case by stage.")
    @APIResponse(responseCode = "200", description = "The decision and its history")
    @APIResponse(responseCode = "404", description = "No such decision")
    public DecisionHistory get(@PathParam("id") String id) {
        DecisionView decision = ledger.find(id)
                .orElseThrow(() -> new NotFoundProblem("决定 " + id + " 不存在 (no such decision)"));
        List<ObjectionView> objections = accountability.objections(id).stream()
                .map(o -> new ObjectionView(o, accountability.outcomeOf(o.id), ledger.reassessmentsOf(o.id)))
                .toList();
        return new DecisionHistory(decision, accountability.officerDecisions(id), objections, ledger.ofCase(decision.caseId()));
    }
}
