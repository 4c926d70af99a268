package com.lexrule.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyStore;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.policy.lifecycle.DraftService;
import com.lexrule.policy.lifecycle.PolicyDiff;
import com.lexrule.problem.NotFoundProblem;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/** 政策: the families, their versions, their files exactly as published, and a diff of two versions in legal terms. */
@Path("/console/policies")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class PolicyPages {

    private final Pages pages;
    private final PolicyRegistry registry;
    private final PolicyStore store;
    private final DraftService drafts;

    public PolicyPages(Pages pages, PolicyRegistry registry, PolicyStore store, DraftService drafts) {
        this.pages = pages;
        this.registry = registry;
        this.store = store;
        this.drafts = drafts;
    }

    @TemplateData
    public record Family(String name, int inForce, List<Row> versions) {
    }

    /** One version as the list shows it: 现行 (in force), 待生效 (published, effective later) or 历史 (superseded). */
    @TemplateData
    public record Row(int version, String status, boolean current, String effectiveFrom, String publishedBy,
                      String publishedAt, String changeNote, Integer previous) {
    }

    @TemplateData
    public record FileLink(String name, String simpleName, long size, boolean table, String href) {
    }

    @GET
    public TemplateInstance families() {
        List<Family> families = new ArrayList<>();
        for (String family : registry.families()) {
            int inForce = registry.current(family).version().version();
            List<Row> rows = new ArrayList<>();
            for (PolicyVersion v : registry.versions(family)) {
                String status = v.version() == inForce ? "现行" : v.effectiveFrom().isAfter(registry.today()) ? "待生效" : "历史";
                rows.add(new Row(v.version(), status, v.version() == inForce, v.effectiveFrom().toString(),
                        v.publishedBy() == null ? "基线（随部署发布）" : v.publishedBy(),
                        v.publishedAt() == null ? "" : Times.format(v.publishedAt()), v.changeNote() == null ? "" : v.changeNote(),
                        v.version() > 1 ? v.version() - 1 : null));
            }
            rows.sort((a, b) -> Integer.compare(b.version(), a.version()));
            families.add(new Family(family, inForce, rows));
        }
        return pages.page("policies.html", "policies", "政策").data("families", families);
    }

    @GET
    @Path("/{family}/versions/{version}")
    public TemplateInstance version(@PathParam("family") String family, @PathParam("version") int version) {
        PolicyVersion published = published(family, version);
        boolean inForce = registry.current(family).version().version() == version;
        List<FileLink> files = store.bundle(family, version).files().stream()
                .map(f -> new FileLink(f.name(), f.simpleName(), f.content().length,
                        f.isSpreadsheet() && !f.simpleName().equals(registry.bundle(family, version).manifest().catalog()),
                        "/console/policies/" + family + "/versions/" + version + "/files/" + f.name()))
                .toList();
        return pages.page("version.html", "policies", "政策 " + family + " v" + version)
                .data("family", family).data("v", published).data("inForce", inForce).data("files", files);
    }

    @GET
    @Path("/{family}/versions/{version}/files/{name: .+}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("family") String family, @PathParam("version") int version, @PathParam("name") String name) {
        PolicyVersion published = published(family, version);
        PolicyFile file = store.bundle(family, version).file(name)
                .orElseThrow(() -> new NotFoundProblem("政策版本 " + family + " v" + version + " 中没有文件 " + name + " (no such file)"));
        return download(file).header("X-Policy-Sha256", published.sha256()).build();
    }

    @GET
    @Path("/{family}/diff")
    public TemplateInstance diff(@PathParam("family") String family, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        List<PolicyVersion> versions = registry.versions(family);
        if (versions.isEmpty()) throw new NotFoundProblem("没有政策族 " + family + " (no such policy family)");
        int newest = versions.stream().mapToInt(PolicyVersion::version).max().orElse(1);
        int b = to == null ? newest : to;
        int a = from == null ? Math.max(1, b - 1) : from;
        List<PolicyDiff.Change> changes = drafts.diff(family, a, b);
        return pages.page("diff.html", "policies", "比较 " + family + " v" + a + " → v" + b)
                .data("family", family).data("from", a).data("to", b).data("versions", versions).data("changes", changes);
    }

    private PolicyVersion published(String family, int version) {
        return registry.versions(family).stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> new NotFoundProblem("政策版本 " + family + " v" + version + " 不存在 (no such policy version)"));
    }

    static Response.ResponseBuilder download(PolicyFile file) {
        String encoded = URLEncoder.encode(file.simpleName(), StandardCharsets.UTF_8).replace("+", "%20");
        String type = file.name().endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : file.name().endsWith(".json") ? "application/json;charset=UTF-8"
                : file.name().endsWith(".drl") ? "text/plain;charset=UTF-8" : MediaType.APPLICATION_OCTET_STREAM;
        return Response.ok(file.content()).type(type).header("Content-Disposition", "attachment; filename*=UTF-8''" + encoded);
    }
}
