package com.lexrule.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
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

import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.lifecycle.Backtester;
import com.lexrule.policy.lifecycle.DraftApproval;
import com.lexrule.policy.lifecycle.DraftService;
import com.lexrule.policy.lifecycle.DraftTesting;
import com.lexrule.policy.lifecycle.DraftStatus;
import com.lexrule.policy.lifecycle.ScenarioRunner;
import com.lexrule.problem.ProblemException;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 草稿、测试与影响、审批: a draft with its diff, its scenario run and its back-test (with charts), and for an approver
 * who did not draft it, approval with an effective date and a note, or rejection with a reason. Every action is the
 * policy lifecycle's own ({@link DraftService}); roles are those of the API's draft endpoints.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class DraftPages {

    private static final int BACKTEST_LIMIT = 1000;
    private static final String LIMIT_ERROR = "回测条数须为 1 至 10000 之间的整数";

    private final Pages pages;
    private final DraftService drafts;
    private final DraftTesting testing;
    private final DraftApproval approval;
    private final PolicyRegistry registry;
    private final SecurityIdentity identity;

    public DraftPages(Pages pages, DraftService drafts, DraftTesting testing, DraftApproval approval, PolicyRegistry registry,
                      SecurityIdentity identity) {
        this.pages = pages;
        this.drafts = drafts;
        this.testing = testing;
        this.approval = approval;
        this.registry = registry;
        this.identity = identity;
    }

    @TemplateData
    public record Listed(DraftService.DraftView draft, String createdAt, String status) {
    }

    @GET
    @Path("/drafts")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    public TemplateInstance list() {
        return pages.page("drafts.html", "drafts", "草稿与测试").data("drafts", all(false)).data("approvals", false);
    }

    @GET
    @Path("/approvals")
    @RolesAllowed("policy-approver")
    public TemplateInstance approvals() {
        return pages.page("drafts.html", "approvals", "审批").data("drafts", all(true)).data("approvals", true);
    }

    @GET
    @Path("/drafts/{family}/{id}")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    public TemplateInstance draft(@PathParam("family") String family, @PathParam("id") long id, @QueryParam("done") String done) {
        return view(family, id, null, null, List.of(), done);
    }

    @POST
    @Path("/drafts/{family}/{id}/scenarios")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    public Response scenarios(@PathParam("family") String family, @PathParam("id") long id, @RestForm("csrf") String csrf) {
        pages.verify(csrf);
        try {
            return Response.ok(view(family, id, testing.scenarioRun(family, id), null, List.of(), null)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(view(family, id, null, null, List.of(e.getMessage()), null)).build();
        }
    }

    @POST
    @Path("/drafts/{family}/{id}/backtest")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    public Response backtest(@PathParam("family") String family, @PathParam("id") long id, @RestForm("csrf") String csrf,
                             @RestForm("limit") String limit) {
        pages.verify(csrf);
        Integer n = limit(limit);
        if (n == null) return Response.status(400).entity(view(family, id, null, null, List.of(LIMIT_ERROR), null)).build();
        try {
            return Response.ok(view(family, id, null, testing.backtest(family, id, n), List.of(), null)).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(view(family, id, null, null, List.of(e.getMessage()), null)).build();
        }
    }

    /**
     * The approval page: the draft and its diff at once; its scenarios and back-test are started from the page (the
     * script submits the form as the page opens, with a progress bar) and their results come back on the same page,
     * with the approval form. Running them inside this GET kept the approver before a blank page for the whole run.
     */
    @GET
    @Path("/approvals/{family}/{id}")
    @RolesAllowed("policy-approver")
    public TemplateInstance approval(@PathParam("family") String family, @PathParam("id") long id) {
        return view(family, id, null, null, List.of(), null).data("approvalPage", true).data("autostart", true);
    }

    /** The approval page with the scenario run and the back-test of the draft, both run by this post. */
    @POST
    @Path("/approvals/{family}/{id}/tests")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("policy-approver")
    public Response approvalTests(@PathParam("family") String family, @PathParam("id") long id, @RestForm("csrf") String csrf,
                                  @RestForm("limit") String limit) {
        pages.verify(csrf);
        Integer n = limit(limit);
        if (n == null) {
            return Response.status(400).entity(view(family, id, null, null, List.of(LIMIT_ERROR), null).data("approvalPage", true)).build();
        }
        DraftService.DraftView draft = drafts.get(family, id);
        ScenarioRunner.ScenarioReport report = null;
        Backtester.Report impact = null;
        List<String> errors = new ArrayList<>();
        if (draft.status() == DraftStatus.VALID) {
            try {
                report = testing.scenarioRun(family, id);
                impact = testing.backtest(family, id, n);
            } catch (ProblemException e) {
                errors.add(e.getMessage());
            }
        }
        return Response.ok(view(family, id, report, impact, errors, null).data("approvalPage", true).data("decide", true)).build();
    }

    @POST
    @Path("/approvals/{family}/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("policy-approver")
    public Response approve(@PathParam("family") String family, @PathParam("id") long id, @RestForm("csrf") String csrf,
                            @RestForm("effectiveFrom") String effectiveFrom, @RestForm("changeNote") String changeNote,
                            @RestForm("confirmScenarioRemoval") String confirm) {
        pages.verify(csrf);
        List<String> errors = new ArrayList<>();
        LocalDate date = null;
        try {
            date = LocalDate.parse(effectiveFrom == null ? "" : effectiveFrom.strip());
        } catch (DateTimeParseException e) {
            errors.add("生效日期须为 年-月-日，例如 " + registry.today());
        }
        if (changeNote == null || changeNote.isBlank()) errors.add("请填写修改说明");
        if (errors.isEmpty()) {
            try {
                DraftService.Publication published = approval.approve(family, id, date, changeNote.strip(), "on".equals(confirm), actor());
                return Response.seeOther(URI.create("/console/drafts/" + family + "/" + id + "?done="
                        + URLEncoder.encode("已批准并发布为 v" + published.policy().version() + "，自 " + published.effectiveFrom() + " 起生效",
                        StandardCharsets.UTF_8))).build();
            } catch (ProblemException e) {
                errors.add(e.title() + "：" + e.getMessage());
                e.errors().forEach(x -> errors.add(OfficerProblems.text(x)));
                return Response.status(e.status()).entity(view(family, id, null, null, errors, null).data("approvalPage", true)
                        .data("decide", true)).build();
            }
        }
        return Response.status(400).entity(view(family, id, null, null, errors, null).data("approvalPage", true).data("decide", true)).build();
    }

    @POST
    @Path("/approvals/{family}/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed("policy-approver")
    public Response reject(@PathParam("family") String family, @PathParam("id") long id, @RestForm("csrf") String csrf,
                           @RestForm("reason") String reason) {
        pages.verify(csrf);
        if (reason == null || reason.isBlank()) {
            return Response.status(400).entity(view(family, id, null, null, List.of("请填写驳回理由"), null).data("approvalPage", true)).build();
        }
        try {
            approval.reject(family, id, reason.strip(), actor());
            return Response.seeOther(URI.create("/console/drafts/" + family + "/" + id + "?done="
                    + URLEncoder.encode("已驳回", StandardCharsets.UTF_8))).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(view(family, id, null, null, List.of(e.title() + "：" + e.getMessage()), null)
                    .data("approvalPage", true)).build();
        }
    }

    private TemplateInstance view(String family, long id, ScenarioRunner.ScenarioReport report, Backtester.Report impact,
                                  List<String> errors, String done) {
        DraftService.DraftView draft = drafts.get(family, id);
        ConsoleUser user = pages.user();
        boolean open = draft.status() == DraftStatus.VALID || draft.status() == DraftStatus.INVALID;
        boolean own = draft.createdBy().equals(user.name());
        TemplateInstance page = pages.page("draft.html", user.approver() && !own ? "approvals" : "drafts", "草稿 " + family + " #" + id)
                .data("family", family).data("d", draft).data("createdAt", Times.format(draft.createdAt()))
                .data("decidedAt", Times.format(draft.decidedAt()))
                .data("problems", OfficerProblems.of(family, draft.errors()))
                .data("changes", draft.status() == DraftStatus.INVALID ? List.of() : testing.draftDiff(family, id))
                .data("report", report).data("impact", impact).data("errors", errors).data("done", done)
                .data("open", open).data("own", own).data("mayApprove", user.approver() && !own && open && draft.status() == DraftStatus.VALID)
                .data("mayReject", user.approver() && !own && open)
                .data("today", registry.today().toString()).data("approvalPage", false).data("autostart", false).data("decide", false);
        if (impact != null) {
            page.data("gradeChart", Charts.transitions("等级变化（颜色 → 颜色）", impact.gradeTransitions(),
                    impact.evaluated() - impact.gradeTransitions().entrySet().stream().filter(e -> !same(e.getKey())).mapToInt(Map.Entry::getValue).sum()))
                    .data("outcomeChart", Charts.transitions("结论变化（结论 → 结论）", impact.outcomeTransitions(),
                    impact.evaluated() - impact.outcomesChanged()))
                    .data("ruleChart", Charts.rules("规则触发次数的增减", impact.rules()));
        }
        return page;
    }

    /** The back-test's size as typed, or null when it is not a whole number (the back-test checks its range). */
    private static Integer limit(String limit) {
        try {
            return limit == null || limit.isBlank() ? BACKTEST_LIMIT : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private List<Listed> all(boolean openOnly) {
        List<Listed> listed = new ArrayList<>();
        String me = identity.getPrincipal().getName();
        for (String family : registry.families()) {
            for (DraftService.DraftView d : drafts.list(family)) {
                boolean open = d.status() == DraftStatus.VALID;
                if (openOnly && (!open || d.createdBy().equals(me))) continue;
                listed.add(new Listed(d, Times.format(d.createdAt()), label(d.status())));
            }
        }
        listed.sort(Comparator.comparing((Listed l) -> l.draft().createdAt()).reversed());
        return listed;
    }

    private static boolean same(String transition) {
        String[] parts = transition.split("→", 2);
        return parts.length == 2 && parts[0].equals(parts[1]);
    }

    static String label(DraftStatus status) {
        return switch (status) {
            case VALID -> "可审批（已通过编译）";
            case INVALID -> "无法编译";
            case APPROVED -> "已批准";
            case REJECTED -> "已驳回";
        };
    }

    private DraftService.Actor actor() {
        return new DraftService.Actor(identity.getPrincipal().getName(), identity.hasRole("admin"));
    }
}
