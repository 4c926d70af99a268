package com.lexrule.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.assessment.Counterfactuals;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionResource;
import com.lexrule.audit.DecisionView;
import com.lexrule.insight.CounterfactualResource;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ConflictProblem;
import com.lexrule.problem.NotFoundProblem;
import com.lexrule.problem.ProblemException;
import com.lexrule.review.AccountabilityService;
import com.lexrule.review.ObjectionOutcome;
import com.lexrule.review.ObjectionOutcomeRequest;
import com.lexrule.review.OfficerDecision;
import com.lexrule.review.OfficerDecisionRequest;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 决定: the audit's search of decisions (keyset pages) and its streamed CSV export, for auditors; one decision with
 * its facts, findings and legal bases, the officers' decisions and the objections with their outcomes and
 * re-assessments; the officer's decision and an objection's outcome recorded by the review's own service, checked
 * by the API's own request records. Search and export are the auditors' (as in the API); a decision is read by
 * auditors and by the legal officers who record on it.
 */
@Path("/console/decisions")
@Produces(MediaType.TEXT_HTML)
public class DecisionPages {

    private static final int PAGE = 50;
    private static final int ALTERNATIVES = 5;

    private final Pages pages;
    private final DecisionResource audit;
    private final DecisionLedger ledger;
    private final AccountabilityService accountability;
    private final CounterfactualResource counterfactuals;
    private final PolicyRegistry registry;
    private final Validator validator;
    private final SecurityIdentity identity;

    public DecisionPages(Pages pages, DecisionResource audit, DecisionLedger ledger, AccountabilityService accountability,
                         CounterfactualResource counterfactuals, PolicyRegistry registry, Validator validator,
                         SecurityIdentity identity) {
        this.pages = pages;
        this.audit = audit;
        this.ledger = ledger;
        this.accountability = accountability;
        this.counterfactuals = counterfactuals;
        this.registry = registry;
        this.validator = validator;
        this.identity = identity;
    }

    /** A search as the form holds it, typed values checked on the way in. */
    @TemplateData
    public record Filter(String caseId, String family, String policyVersion, String color, String outcome, String from, String to) {

        String query() {
            StringBuilder q = new StringBuilder();
            add(q, "caseId", caseId);
            add(q, "family", family);
            add(q, "policyVersion", policyVersion);
            add(q, "color", color);
            add(q, "outcome", outcome);
            add(q, "from", from);
            add(q, "to", to);
            return q.toString();
        }

        private static void add(StringBuilder q, String name, String value) {
            if (value == null || value.isBlank()) return;
            q.append(q.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }

    @TemplateData
    public record Listed(DecisionView d, String decidedAt) {
    }

    @TemplateData
    public record Fact(String name, String value) {
    }

    @TemplateData
    public record Shown(String ruleId, String reason, String legalBasis, String points) {
    }

    @TemplateData
    public record Officer(OfficerDecision entry, String recordedAt) {
    }

    @TemplateData
    public record Objected(String id, String objector, String objectorRole, String grounds, String recordedBy, String recordedAt,
                           ObjectionOutcome outcome, String decidedAt, List<String> reassessments) {
    }

    @TemplateData
    public record Option(String value, String label) {
    }

    @GET
    @RolesAllowed({"auditor", "legal-officer"})
    public Response search(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                           @QueryParam("policyVersion") String policyVersion, @QueryParam("color") String color,
                           @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("after") String after) {
        Filter filter = new Filter(caseId, family, policyVersion, color, outcome, from, to);
        TemplateInstance page = pages.page("decisions.html", "decisions", "决定").data("f", filter)
                .data("families", registry.families()).data("mayExport", false).data("items", List.of())
                .data("next", null).data("total", null).data("errors", List.of()).data("searched", false);
        if (!identity.hasRole("auditor")) return Response.ok(page).build(); // officers open a decision by its id
        List<String> errors = new ArrayList<>();
        Integer version = integer("policyVersion", policyVersion, errors);
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        if (!errors.isEmpty()) return Response.status(400).entity(page.data("errors", errors)).build();
        try {
            DecisionResource.Page found = audit.search(FormInput.blank(caseId), FormInput.blank(family), version, FormInput.blank(color),
                    FormInput.blank(outcome), start, end, FormInput.blank(after), 0, PAGE);
            String query = filter.query();
            return Response.ok(page.data("searched", true).data("mayExport", true)
                    .data("items", found.items().stream().map(d -> new Listed(d, Times.format(d.decidedAt()))).toList())
                    .data("total", found.totalCapped() ? found.total() + "+" : Long.toString(found.total()))
                    .data("query", query)
                    .data("next", found.next() == null ? null : "/console/decisions?" + query + (query.isEmpty() ? "" : "&")
                            + "after=" + found.next())).build();
        } catch (ValidationException e) {
            return Response.status(400).entity(page.data("errors", List.of(e.getMessage()))).build();
        }
    }

    /** The audit's own streamed export of the same search (UTF-8 with BOM), refused with a 422 problem when too large. */
    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed("auditor")
    public Response export(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                           @QueryParam("policyVersion") String policyVersion, @QueryParam("color") String color,
                           @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to) {
        List<String> errors = new ArrayList<>();
        Integer version = integer("policyVersion", policyVersion, errors);
        LocalDate start = date("from", from, errors);
        LocalDate end = date("to", to, errors);
        if (!errors.isEmpty()) throw new ValidationException(String.join("；", errors));
        return audit.export(FormInput.blank(caseId), FormInput.blank(family), version, FormInput.blank(color), FormInput.blank(outcome),
                start, end);
    }

    @GET
    @Path("/open")
    @RolesAllowed({"auditor", "legal-officer"})
    public Response open(@QueryParam("id") String id) {
        if (id == null || id.isBlank()) return Response.seeOther(URI.create("/console/decisions")).build();
        return Response.seeOther(URI.create("/console/decisions/" + URLEncoder.encode(id.strip(), StandardCharsets.UTF_8))).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"auditor", "legal-officer"})
    public TemplateInstance decision(@PathParam("id") String id, @QueryParam("done") String done) {
        return view(id, List.of(), done);
    }

    @GET
    @Path("/{id}/counterfactuals")
    @RolesAllowed({"auditor", "legal-officer"})
    public TemplateInstance counterfactuals(@PathParam("id") String id) {
        DecisionView decision = find(id);
        Counterfactuals.Report report = counterfactuals.get(id, ALTERNATIVES);
        return pages.page("counterfactuals.html", "decisions", "如何改变结论 · 决定 " + id).data("d", decision).data("r", report);
    }

    @POST
    @Path("/{id}/officer-decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("legal-officer")
    public Response recordOfficerDecision(@PathParam("id") String id, @RestForm("csrf") String csrf, @RestForm("taken") String taken,
                                          @RestForm("officer") String officer, @RestForm("reason") String reason) {
        pages.verify(csrf);
        OfficerDecisionRequest request = new OfficerDecisionRequest(FormInput.blank(taken), FormInput.blank(officer), FormInput.blank(reason));
        List<String> errors = FormInput.violations(validator, request);
        return record(id, errors, () -> {
            AccountabilityService.Recorded recorded = accountability.recordOfficerDecision(id, request, identity.getPrincipal().getName());
            return recorded.created() ? "已记录承办人决定（第 " + recorded.entry().revision + " 次）" : "与已记录的决定相同，未重复记录";
        });
    }

    @POST
    @Path("/{id}/objections/{objectionId}/outcome")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("legal-officer")
    public Response recordObjectionOutcome(@PathParam("id") String id, @PathParam("objectionId") String objectionId,
                                           @RestForm("csrf") String csrf, @RestForm("outcome") String outcome,
                                           @RestForm("reason") String reason, @RestForm("reassessmentId") String reassessmentId) {
        pages.verify(csrf);
        List<String> errors = new ArrayList<>();
        ObjectionOutcomeRequest.Outcome chosen = null;
        try {
            chosen = ObjectionOutcomeRequest.Outcome.valueOf(outcome == null ? "" : outcome.strip());
        } catch (IllegalArgumentException e) {
            errors.add("outcome: 请选择处理结果（成立、部分成立或不成立）");
        }
        if (accountability.objections(id).stream().noneMatch(o -> o.id.equals(objectionId))) {
            throw new NotFoundProblem("决定 " + id + " 没有异议 " + objectionId + " (no such objection on this decision)");
        }
        ObjectionOutcomeRequest request = new ObjectionOutcomeRequest(chosen, FormInput.blank(reason), FormInput.blank(reassessmentId));
        boolean named = chosen != null;
        errors.addAll(FormInput.violations(validator, request).stream().filter(v -> named || !v.startsWith("outcome")).toList());
        return record(id, errors, () -> {
            accountability.decideObjection(objectionId, request, identity.getPrincipal().getName());
            return "已记录异议处理结果：" + outcomeLabel(request.outcome().name());
        });
    }

    /**
     * Runs a recording once the form's own checks passed, and answers the decision page: with what was recorded, or
     * with the service's refusal shown on the page under the status the API would give it.
     */
    private Response record(String id, List<String> errors, java.util.function.Supplier<String> recording) {
        int status = 400;
        if (errors.isEmpty()) {
            try {
                return done(id, recording.get());
            } catch (ProblemException e) {
                status = e.status();
                errors.add(e.title() + "：" + e.getMessage());
            } catch (ConflictProblem e) {
                status = 409;
                errors.add(e.getMessage());
            } catch (ValidationException e) {
                errors.add(e.getMessage());
            }
        }
        return Response.status(status).entity(view(id, errors, null)).build();
    }

    private TemplateInstance view(String id, List<String> errors, String done) {
        DecisionView decision = find(id);
        List<Officer> officers = accountability.officerDecisions(id).stream()
                .map(o -> new Officer(o, Times.format(o.recordedAt))).toList();
        List<Objected> objections = accountability.objections(id).stream().map(o -> {
            ObjectionOutcome outcome = accountability.outcomeOf(o.id);
            return new Objected(o.id, o.objector, o.objectorRole, o.grounds, o.recordedBy, Times.format(o.recordedAt), outcome,
                    outcome == null ? "" : Times.format(outcome.decidedAt), ledger.reassessmentsOf(o.id));
        }).toList();
        List<Shown> findings = new ArrayList<>();
        JsonNode answer = decision.response() == null ? null : decision.response();
        if (answer != null) {
            for (JsonNode f : answer.path("findings")) {
                findings.add(new Shown(f.path("ruleId").asText(""), f.path("reason").asText(""), f.path("legalBasis").asText(""),
                        f.path("points").isNumber() ? f.path("points").asText() : ""));
            }
        }
        return pages.page("decision.html", "decisions", "决定 " + id).data("d", decision).data("decidedAt", Times.format(decision.decidedAt()))
                .data("facts", facts(decision.request())).data("findings", findings).data("officers", officers)
                .data("objections", objections).data("caseAssessments", ledger.ofCase(decision.caseId()).stream()
                        .map(d -> new Listed(d, Times.format(d.decidedAt()))).toList())
                .data("outcomes", outcomes(decision)).data("objectionOutcomes", List.of(
                        new Option("UPHELD", outcomeLabel("UPHELD")), new Option("PARTIALLY_UPHELD", outcomeLabel("PARTIALLY_UPHELD")),
                        new Option("DISMISSED", outcomeLabel("DISMISSED"))))
                .data("mayRecord", identity.hasRole("legal-officer")).data("errors", errors).data("done", done);
    }

    static String outcomeLabel(String outcome) {
        return switch (outcome) {
            case "UPHELD" -> "成立 UPHELD";
            case "PARTIALLY_UPHELD" -> "部分成立 PARTIALLY_UPHELD";
            case "DISMISSED" -> "不成立 DISMISSED";
            default -> outcome;
        };
    }

    /** The codes an officer's decision may take: the deciding version's outcomes catalog, else the version in force's. */
    private List<Option> outcomes(DecisionView decision) {
        CompiledPolicy deciding = registry.resolve(decision.family(), decision.policy().version());
        PolicyCatalog catalog = deciding.catalog().has("outcomes") ? deciding.catalog() : registry.current(decision.family()).catalog();
        if (!catalog.has("outcomes")) return List.of();
        return catalog.entries("outcomes").values().stream()
                .map(e -> new Option(e.code(), e.label() + "（" + e.code() + "）")).toList();
    }

    /** The facts as exchanged, one line a field; lists joined, nested objects as their JSON. */
    private static List<Fact> facts(JsonNode request) {
        List<Fact> facts = new ArrayList<>();
        if (request == null) return facts;
        Map<String, String> shown = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String text;
            if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(x -> items.add(x.isValueNode() ? x.asText() : x.toString()));
                text = String.join("、", items);
            } else {
                text = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
            }
            shown.put(e.getKey(), text);
        }
        shown.forEach((k, v) -> facts.add(new Fact(k, v)));
        return facts;
    }


    private DecisionView find(String id) {
        return ledger.find(id).orElseThrow(() -> new NotFoundProblem("决定 " + id + " 不存在 (no such decision)"));
    }

    private static Response done(String id, String message) {
        return Response.seeOther(URI.create("/console/decisions/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?done="
                + URLEncoder.encode(message, StandardCharsets.UTF_8))).build();
    }


    private static Integer integer(String name, String value, List<String> errors) {
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(name + "：政策版本须为整数，例如 1");
            return null;
        }
    }

    private static LocalDate date(String name, String value, List<String> errors) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(name + "：日期须为 年-月-日，例如 2026-01-31");
            return null;
        }
    }
}
