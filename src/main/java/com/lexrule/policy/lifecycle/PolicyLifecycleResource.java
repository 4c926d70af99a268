package com.lexrule.policy.lifecycle;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.lexrule.boundary.LegalDate;
import com.lexrule.boundary.PlainText;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyStore;
import com.lexrule.problem.NotFoundProblem;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The legal officers' policy lifecycle over REST: published files, drafts, scenario runs, back-tests, approval by a
 * second person, rollback by republication, and diffs in legal terms.
 */
@Path("/api/v1/policies")
@Tag(name = "policy lifecycle", description = "政策起草、校验、测试、回测、审批、发布与回滚")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyLifecycleResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final DraftService service;
    private final DraftIntake intake;
    private final DraftTesting testing;
    private final DraftApproval approval;
    private final PolicyRegistry registry;
    private final PolicyStore store;
    private final SecurityIdentity identity;

    public PolicyLifecycleResource(DraftService service, DraftIntake intake, DraftTesting testing, DraftApproval approval,
                                   PolicyRegistry registry, PolicyStore store, SecurityIdentity identity) {
        this.service = service;
        this.intake = intake;
        this.testing = testing;
        this.approval = approval;
        this.registry = registry;
        this.store = store;
        this.identity = identity;
    }

    /** The approval: from when the version applies and why it changed; both go into the published manifest and its hash. */
    @Schema(name = "ApproveRequest")
    public record ApproveRequest(
            @NotNull @LegalDate @Schema(description = "生效日期（不早于今日，不晚于 2199-12-31）", example = "2026-12-01") LocalDate effectiveFrom,
            @NotBlank @Size(max = 2000) @PlainText(multiline = true) @Schema(description = "修改说明", example = "盗窃罪流窜作案分值由40调整为45") String changeNote,
            @Schema(description = "确认草稿删减情景测试（草稿的 scenarioRemovals 不为空时必须为 true）: the approver has seen "
                    + "the draft's scenarioRemovals and confirms them; recorded in the published manifest") Boolean confirmScenarioRemoval) {
    }

    @Schema(name = "RejectRequest")
    public record RejectRequest(@NotBlank @Size(max = 2000) @PlainText(multiline = true) @Schema(description = "驳回理由") String reason) {
    }

    /** One file of a published version. */
    public record FileView(String name, long size, String contentType, String href) {
    }

    public record VersionFiles(String family, int version, String sha256, LocalDate effectiveFrom, String changeNote,
                               String publishedBy, List<FileView> files) {
    }

    public record DiffView(String family, String from, String to, List<PolicyDiff.Change> changes) {
    }

    // ---------------------------------------------------------------- published versions

    @GET
    @Path("/{family}/versions/{version}")
    @Authenticated
    @Operation(operationId = "getPolicyVersion", summary = "The files of a published version",
            description = "Every file of the version, byte for byte as published, with a link to download it.")
    @APIResponse(responseCode = "200", description = "The version and its files")
    @APIResponse(responseCode = "404", description = "No such family or version")
    public VersionFiles version(@PathParam("family") String family, @PathParam("version") int version) {
        var published = registry.versions(family).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundProblem("政策版本 " + family + " v" + version + " 不存在 (no such policy version)"));
        List<FileView> files = store.bundle(family, version).files().stream()
                .map(f -> new FileView(f.name(), f.content().length, contentType(f.name()),
                        "/api/v1/policies/" + family + "/versions/" + version + "/files/" + f.name()))
                .toList();
        return new VersionFiles(family, version, published.sha256(), published.effectiveFrom(), published.changeNote(),
                published.publishedBy(), files);
    }

    @GET
    @Path("/{family}/versions/{version}/files/{name: .+}")
    @Produces({XLSX, MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @Authenticated
    @Operation(operationId = "downloadPolicyVersionFile", summary = "Download a file of a published version exactly as published",
            description = "Name as listed, e.g. decision-tables/danger-points.xlsx or rules/policy.json. Published "
                    + "versions never change: the same bytes every time, hashed into the version's sha256.")
    @APIResponse(responseCode = "200", description = "The file, with its content type (.xlsx as a spreadsheet)")
    @APIResponse(responseCode = "404", description = "No such family, version or file")
    public Response file(@PathParam("family") String family, @PathParam("version") int version, @PathParam("name") String name) {
        var published = registry.versions(family).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundProblem("政策版本 " + family + " v" + version + " 不存在 (no such policy version)"));
        PolicyFile file = store.bundle(family, version).file(name)
                .orElseThrow(() -> new NotFoundProblem("政策版本 " + family + " v" + version + " 中没有文件 " + name + " (no such file)"));
        return download(file).header("X-Policy-Sha256", published.sha256()).build();
    }

    @POST
    @Path("/{family}/versions/{version}/republish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"policy-approver", "admin"})
    @Operation(operationId = "republishPolicyVersion", summary = "Roll back: publish an older version's content again as a new version",
            description = "One call. The content is the older version's, byte for byte, except the manifest, which "
                    + "takes the new effective date and change note and records the version it restores.")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "404", description = "No such family or version")
    @APIResponse(responseCode = "409", description = "Another version was published at the same moment; nothing was published")
    @APIResponse(responseCode = "422", description = "Effective date in the past, or the content no longer compiles")
    public Response republish(@PathParam("family") String family, @PathParam("version") int version,
                              @Valid @NotNull ApproveRequest body) {
        DraftService.Publication published = approval.republish(family, version, body.effectiveFrom(), body.changeNote(), actor());
        return Response.created(URI.create("/api/v1/policies/" + family + "/versions/" + published.policy().version()))
                .entity(published).build();
    }

    @GET
    @Path("/{family}/diff")
    @Authenticated
    @Operation(operationId = "diffPolicyVersions", summary = "What changed between two versions, in legal terms",
            description = "Decision-table rows matched by rule id with the column's Chinese label, old and new value; "
                    + "catalog rows matched by code; DRL rules by rule id; scenarios by name; manifest fields.")
    @APIResponse(responseCode = "200", description = "The changes, file by file")
    @APIResponse(responseCode = "400", description = "from or to missing")
    @APIResponse(responseCode = "404", description = "No such family or version")
    public DiffView diff(@PathParam("family") String family,
                         @Parameter(description = "the older version") @QueryParam("from") @NotNull Integer from,
                         @Parameter(description = "the newer version") @QueryParam("to") @NotNull Integer to) {
        return new DiffView(family, "v" + from, "v" + to, service.diff(family, from, to));
    }

    // ---------------------------------------------------------------- drafts

    @POST
    @Path("/{family}/drafts")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"legal-officer", "admin"})
    @Operation(operationId = "createPolicyDraft", summary = "Create a draft from the version in force with some files replaced",
            description = "multipart/form-data, one or more files under any part name (curl -F file=@danger-points.xlsx), "
                    + "matched by file name to the files of the version in force; optional text part 'note'. A table "
                    + "may change data rows only: its header rows must equal the published template cell by cell, and "
                    + "values are checked against their column's template. .drl files need role admin. Scenario .json "
                    + "files replace or add scenarios. The draft is compiled at once: one that does not compile is "
                    + "stored as INVALID with every error by file, sheet and cell (201), and cannot be approved; a "
                    + "refused upload stores nothing (403/413/422).")
    @APIResponse(responseCode = "201", description = "The draft, VALID or INVALID with its errors",
            content = @Content(schema = @Schema(implementation = DraftService.DraftView.class)))
    @APIResponse(responseCode = "400", description = "No file uploaded")
    @APIResponse(responseCode = "403", description = "Role legal-officer or admin required; a .drl file needs admin")
    @APIResponse(responseCode = "404", description = "No such family")
    @APIResponse(responseCode = "413", description = "A file, the sheet count or the row count exceeds its limit")
    @APIResponse(responseCode = "422", description = "Refused: a header cell differs from the template (named), an unknown file, an unreadable workbook")
    public Response createDraft(@PathParam("family") String family,
                                @RestForm(FileUpload.ALL) List<FileUpload> files,
                                @RestForm("note") String note) {
        List<Upload> uploads = files == null ? List.of()
                : files.stream().map(f -> new Upload(f.fileName(), f.size(), f.uploadedFile())).toList();
        DraftService.DraftView draft = intake.create(family, uploads, note, actor());
        return Response.created(URI.create("/api/v1/policies/" + family + "/drafts/" + draft.id())).entity(draft).build();
    }

    @GET
    @Path("/{family}/drafts")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "listPolicyDrafts", summary = "The family's drafts, newest first")
    @APIResponse(responseCode = "200", description = "The drafts")
    @APIResponse(responseCode = "404", description = "No such family")
    public List<DraftService.DraftView> drafts(@PathParam("family") String family) {
        return service.list(family);
    }

    @GET
    @Path("/{family}/drafts/{id}")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "getPolicyDraft", summary = "One draft: status, uploaded files, compile errors, decision, scenarios it removes",
            description = "scenarioRemovals lists every published scenario file the draft empties, cuts down, points at "
                    + "another endpoint or removes (published and remaining counts); the approver must confirm them.")
    @APIResponse(responseCode = "200", description = "The draft")
    @APIResponse(responseCode = "404", description = "No such family or draft")
    public DraftService.DraftView draft(@PathParam("family") String family, @PathParam("id") long id) {
        return service.get(family, id);
    }

    @GET
    @Path("/{family}/drafts/{id}/files/{name: .+}")
    @Produces({XLSX, MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "downloadPolicyDraftFile", summary = "Download a file of a draft, as the approver reviews it")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "No such family, draft or file")
    public Response draftFile(@PathParam("family") String family, @PathParam("id") long id, @PathParam("name") String name) {
        return download(service.draftFile(family, id, name)).build();
    }

    @GET
    @Path("/{family}/drafts/{id}/diff")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "diffPolicyDraft", summary = "What the draft changes against the version it is based on, in legal terms")
    @APIResponse(responseCode = "200", description = "The changes")
    @APIResponse(responseCode = "404", description = "No such family or draft")
    public DiffView draftDiff(@PathParam("family") String family, @PathParam("id") long id) {
        DraftService.DraftView draft = service.get(family, id);
        return new DiffView(family, "v" + draft.baseVersion(), "draft " + id, testing.draftDiff(family, id));
    }

    @POST
    @Path("/{family}/drafts/{id}/scenario-run")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "runPolicyDraftScenarios", summary = "Run the draft's scenarios against the compiled draft",
            description = "In-process, nothing recorded. Pass or fail per scenario, with each difference.")
    @APIResponse(responseCode = "200", description = "The report (failures included: a failing scenario is a result, not an error)")
    @APIResponse(responseCode = "404", description = "No such family or draft")
    @APIResponse(responseCode = "422", description = "The draft does not compile, or the family has no evaluator")
    public ScenarioRunner.ScenarioReport scenarioRun(@PathParam("family") String family, @PathParam("id") long id) {
        return testing.scenarioRun(family, id);
    }

    @POST
    @Path("/{family}/drafts/{id}/backtest")
    @RolesAllowed({"legal-officer", "policy-approver", "admin"})
    @Operation(operationId = "backtestPolicyDraft", summary = "Back-test the draft on the family's most recent audited decisions",
            description = "Re-evaluates the last `limit` audited requests under the version the draft is based on and "
                    + "under the draft; reports how many outcomes change, grade transitions (YELLOW→RED), per rule how "
                    + "often it fires only before or only after, and examples by decision id. Nothing is recorded.")
    @APIResponse(responseCode = "200", description = "The impact report")
    @APIResponse(responseCode = "400", description = "limit out of range")
    @APIResponse(responseCode = "404", description = "No such family or draft")
    @APIResponse(responseCode = "422", description = "The draft does not compile, or the family has no evaluator")
    public Backtester.Report backtest(@PathParam("family") String family, @PathParam("id") long id,
                                      @Parameter(description = "how many recent decisions (1–10000)") @QueryParam("limit") @DefaultValue("1000") int limit) {
        return testing.backtest(family, id, limit);
    }

    @POST
    @Path("/{family}/drafts/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("policy-approver")
    @Operation(operationId = "approvePolicyDraft", summary = "Approve a draft: publish it as the family's next version",
            description = "By a policy-approver other than the draft's author. The draft must compile and pass all its "
                    + "scenarios, and no version may have been published since it was drafted. The effective date and "
                    + "change note go into the published manifest, so the version's hash covers them; drafter and "
                    + "approver are recorded. Every replica serves the new version from its next poll. A draft that "
                    + "removes scenarios (its scenarioRemovals: a published scenario file emptied, cut down, pointed at "
                    + "another endpoint or removed) is approved only with \"confirmScenarioRemoval\": true, and the "
                    + "confirmation is published in the manifest's approval.")
    @APIResponse(responseCode = "201", description = "Published")
    @APIResponse(responseCode = "403", description = "Role policy-approver required; nobody approves their own draft")
    @APIResponse(responseCode = "404", description = "No such family or draft")
    @APIResponse(responseCode = "409", description = "Already approved or rejected, outdated by a newer version, or another version published at the same moment")
    @APIResponse(responseCode = "422", description = "Does not compile, scenarios fail (listed), scenarios removed without confirmScenarioRemoval (files listed), or effective date in the past")
    public Response approve(@PathParam("family") String family, @PathParam("id") long id, @Valid @NotNull ApproveRequest body) {
        DraftService.Publication published = approval.approve(family, id, body.effectiveFrom(), body.changeNote(),
                Boolean.TRUE.equals(body.confirmScenarioRemoval()), actor());
        return Response.created(URI.create("/api/v1/policies/" + family + "/versions/" + published.policy().version()))
                .entity(published).build();
    }

    @POST
    @Path("/{family}/drafts/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("policy-approver")
    @Operation(operationId = "rejectPolicyDraft", summary = "Reject a draft, with the reason")
    @APIResponse(responseCode = "200", description = "The rejected draft")
    @APIResponse(responseCode = "400", description = "Reason missing")
    @APIResponse(responseCode = "404", description = "No such family or draft")
    @APIResponse(responseCode = "409", description = "Already approved or rejected")
    public DraftService.DraftView reject(@PathParam("family") String family, @PathParam("id") long id, @Valid @NotNull RejectRequest body) {
        return approval.reject(family, id, body.reason(), actor());
    }

    private DraftService.Actor actor() {
        return new DraftService.Actor(identity.getPrincipal().getName(), identity.hasRole(DraftService.ADMIN));
    }

    private static Response.ResponseBuilder download(PolicyFile file) {
        String encoded = URLEncoder.encode(file.simpleName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(file.content()).type(contentType(file.name()))
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
    }

    static String contentType(String name) {
        if (name.endsWith(".xlsx")) return XLSX;
        if (name.endsWith(".json")) return MediaType.APPLICATION_JSON + ";charset=UTF-8";
        if (name.endsWith(".drl")) return MediaType.TEXT_PLAIN + ";charset=UTF-8";
        return MediaType.APPLICATION_OCTET_STREAM;
    }
}
