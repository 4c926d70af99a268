package com.lexrule.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.apache.poi.ss.util.CellReference;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.lifecycle.DraftIntake;
import com.lexrule.policy.lifecycle.DraftService;
import com.lexrule.policy.lifecycle.Upload;
import com.lexrule.policy.table.ColumnSpec;
import com.lexrule.policy.table.DataOverlay;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.Spreadsheet;
import com.lexrule.problem.ProblemException;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 编辑表格: a decision table of the version in force as a grid, its data cells editable and its template rows locked;
 * each edit checked as it is typed; saved as a draft through the policy lifecycle's own intake, or an uploaded .xlsx
 * taken the same way. Either way the template rows come from the published version.
 */
@jakarta.ws.rs.Path("/console/tables/{family}/{file}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({"legal-officer", "admin"})
public class TablePages {

    private static final String CELL = "c_";

    private final Pages pages;
    private final PolicyRegistry registry;
    private final GridValidator validator;
    private final DraftIntake drafts;
    private final SecurityIdentity identity;

    public TablePages(Pages pages, PolicyRegistry registry, GridValidator validator, DraftIntake drafts, SecurityIdentity identity) {
        this.pages = pages;
        this.registry = registry;
        this.validator = validator;
        this.drafts = drafts;
        this.identity = identity;
    }

    @TemplateData
    public record GridCell(String ref, int row, int col, String text, boolean editable, String label, String hint, String error) {
    }

    @TemplateData
    public record GridRow(int number, boolean data, List<GridCell> cells) {
    }

    public record Validation(List<PolicyProblem> problems) {
    }

    @GET
    public TemplateInstance grid(@PathParam("family") String family, @PathParam("file") String file) {
        return render(family, file, Map.of(), List.of(), "");
    }

    @POST
    @jakarta.ws.rs.Path("/validate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Validation validate(@PathParam("family") String family, @PathParam("file") String file, MultivaluedMap<String, String> form) {
        pages.verify(form.getFirst(ConsoleCsrf.FIELD));
        CompiledPolicy current = registry.current(family);
        PolicyFile published = validator.table(current, file);
        List<PolicyProblem> problems = validator.check(current, published, edits(published, form)).problems();
        return new Validation(problems.stream().map(p -> new PolicyProblem(p.file(), p.sheet(), p.row(), p.cell(), null,
                OfficerProblems.message(p))).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@PathParam("family") String family, @PathParam("file") String file, MultivaluedMap<String, String> form) {
        pages.verify(form.getFirst(ConsoleCsrf.FIELD));
        CompiledPolicy current = registry.current(family);
        PolicyFile published = validator.table(current, file);
        Map<String, String> edits = edits(published, form);
        String note = form.getFirst("note");
        if (edits.isEmpty()) {
            return Response.status(422).entity(render(family, file, edits,
                    List.of(PolicyProblem.ofFile(published.name(), "没有修改任何单元格，未保存草稿 (nothing changed)")), note)).build();
        }
        GridValidator.Checked checked = validator.check(current, published, edits);
        if (!checked.problems().isEmpty()) {
            return Response.status(422).entity(render(family, file, edits, checked.problems(), note)).build();
        }
        byte[] workbook = checked.overlay().workbook();
        Path spooled = null;
        try {
            spooled = Files.createTempFile("lexrule-grid-", ".xlsx");
            Files.write(spooled, workbook);
            DraftService.DraftView draft = drafts.create(family, List.of(new Upload(published.simpleName(), workbook.length, spooled)),
                    note == null || note.isBlank() ? "在线编辑 " + published.simpleName() : note.strip(), actor());
            return Response.seeOther(URI.create("/console/drafts/" + family + "/" + draft.id())).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(render(family, file, edits, problemsOf(e, published), note)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spooled != null) spooled.toFile().delete();
        }
    }

    @POST
    @jakarta.ws.rs.Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("family") String family, @PathParam("file") String file,
                           @RestForm("csrf") String csrf, @RestForm("workbook") FileUpload workbook, @RestForm("note") String note) {
        pages.verify(csrf);
        CompiledPolicy current = registry.current(family);
        PolicyFile published = validator.table(current, file);
        if (workbook == null || workbook.size() == 0) {
            return Response.status(400).entity(render(family, file, Map.of(),
                    List.of(PolicyProblem.ofFile(published.name(), "请选择要上传的 .xlsx 文件 (choose a file)")), note)).build();
        }
        try {
            // The upload is named as the table it replaces: the intake reads its data rows against the published template.
            DraftService.DraftView draft = drafts.create(family, List.of(new Upload(published.simpleName(), workbook.size(),
                    workbook.uploadedFile())), note == null || note.isBlank() ? "上传 " + published.simpleName() : note.strip(), actor());
            return Response.seeOther(URI.create("/console/drafts/" + family + "/" + draft.id())).build();
        } catch (ProblemException e) {
            return Response.status(e.status()).entity(render(family, file, Map.of(), problemsOf(e, published), note)).build();
        }
    }

    private TemplateInstance render(String family, String file, Map<String, String> edits, List<PolicyProblem> problems, String note) {
        CompiledPolicy current = registry.current(family);
        PolicyFile published = validator.table(current, file);
        Spreadsheet sheet = published.spreadsheet();
        DecisionTable table = sheet.decisionTable().table();
        NavigableMap<Integer, NavigableMap<Integer, String>> layout = table.layout();
        int lastColumn = layout.values().stream().filter(r -> !r.isEmpty()).mapToInt(NavigableMap::lastKey).max().orElse(0);
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach(p -> {
            if (p.cell() != null) errors.merge(p.cell(), OfficerProblems.message(p), (a, b) -> a + "；" + b);
        });
        List<GridRow> rows = new ArrayList<>();
        int last = layout.isEmpty() ? 0 : layout.lastKey();
        for (int r = 0; r <= last; r++) {
            NavigableMap<Integer, String> texts = layout.getOrDefault(r, new TreeMap<>());
            boolean data = false;
            List<GridCell> cells = new ArrayList<>();
            for (int c = 0; c <= lastColumn; c++) {
                String ref = new CellReference(r, c).formatAsString();
                boolean editable = DataOverlay.isDataCell(sheet, r, c);
                data |= editable;
                ColumnSpec column = editable ? DataOverlay.column(sheet, r, c) : null;
                String text = edits.containsKey(ref) ? edits.get(ref) : texts.getOrDefault(c, "");
                cells.add(new GridCell(ref, r, c, text, editable, column == null ? "" : column.label(),
                        column == null ? "" : hint(column), errors.getOrDefault(ref, "")));
            }
            rows.add(new GridRow(r + 1, data, cells));
        }
        List<String> columns = new ArrayList<>();
        for (int c = 0; c <= lastColumn; c++) columns.add(CellReference.convertNumToColString(c));
        return pages.page("table.html", "policies", "编辑表格 " + published.simpleName())
                .data("family", family).data("file", published.simpleName()).data("sheet", table.template().sheetName())
                .data("version", current.version().version()).data("columns", columns).data("rows", rows)
                .data("problems", OfficerProblems.of(family, problems)).data("note", note == null ? "" : note);
    }

    /** What the column takes, in the officer's words, from the kind of value its template admits. */
    private static String hint(ColumnSpec column) {
        return switch (column.valueKind()) {
            case NUMBER -> "数值";
            case NUMBER_LIST -> "以逗号分隔的数值";
            case PRIORITY -> "整数优先级";
            case NAME -> "代码名称";
            case TEXT -> "文字（不含英文引号）";
            case FLAG -> "填写任意内容即启用";
            case CODE -> "不可编辑";
        };
    }

    /** The cells whose typed value differs from the published one, by cell name. */
    private static Map<String, String> edits(PolicyFile published, MultivaluedMap<String, String> form) {
        Spreadsheet sheet = published.spreadsheet();
        NavigableMap<Integer, NavigableMap<Integer, String>> layout = sheet.decisionTable().table().layout();
        Map<String, String> edits = new TreeMap<>();
        form.forEach((name, values) -> {
            if (!name.startsWith(CELL) || values.isEmpty()) return;
            String ref = name.substring(CELL.length());
            String typed = values.get(0) == null ? "" : values.get(0).strip();
            try {
                CellReference at = new CellReference(ref);
                String was = layout.getOrDefault(at.getRow(), new TreeMap<>()).getOrDefault((int) at.getCol(), "");
                if (!typed.equals(was)) edits.put(new CellReference(at.getRow(), at.getCol()).formatAsString(), typed);
            } catch (IllegalArgumentException e) {
                edits.put(ref, typed); // refused by the overlay, named
            }
        });
        return edits;
    }

    @SuppressWarnings("unchecked")
    private static List<PolicyProblem> problemsOf(ProblemException e, PolicyFile published) {
        List<PolicyProblem> found = new ArrayList<>();
        if (e.errors() != null) {
            for (Object error : e.errors()) {
                if (error instanceof PolicyProblem p) found.add(p);
            }
        }
        if (found.isEmpty()) found.add(PolicyProblem.ofFile(published.name(), e.title() + "：" + e.getMessage()));
        return found;
    }

    private DraftService.Actor actor() {
        return new DraftService.Actor(identity.getPrincipal().getName(), identity.hasRole("admin"));
    }
}
