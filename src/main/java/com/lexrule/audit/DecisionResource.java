package com.lexrule.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * Read access to the audit trail, for auditors: a search and a CSV export. One decision with its whole history (the
 * officers' decisions and objections that followed it) is {@code review/DecisionHistoryResource}, on the same path.
 */
@Path("/api/v1/decisions")
@Tag(name = "audit", description = "决定记录查询、历史与导出（审计人员）")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class DecisionResource {

    private final ObjectMapper json;
    private final Clock clock;
    private final DecisionExport export;

    public DecisionResource(ObjectMapper json, Clock clock, DecisionExport export) {
        this.json = json;
        this.clock = clock;
        this.export = export;
    }

    /**
     * One page of a search: its items, the cursor of the next page (null on the last), and how many records match,
     * counted up to {@link #COUNT_CAP} ({@code totalCapped} when there are more). {@code page} echoes the
     * deprecated offset paging.
     */
    public record Page(List<DecisionView> items, int page, int size, long total, boolean totalCapped, String next) {
    }

    private static final String OUTCOME = "the outcome summary as the decisions carry it, matched exactly, e.g. MAY_ARREST/YELLOW/ARREST "
            + "(at most 256 characters)";

    /** Matches counted beyond this are not counted: the count reads at most this many index entries. */
    static final int COUNT_CAP = 10_000;

    @GET
    @Transactional
    @Operation(operationId = "searchDecisions", summary = "Search decisions", description = "By case id, family, policy version, color, outcome and date range "
            + "(dates in Asia/Shanghai, inclusive), newest first. A page ends with next, the cursor to pass as after for "
            + "the page that follows (absent on the last page): pages are read by keyset, so a late page costs what the "
            + "first does. total counts the matches up to 10,000 (totalCapped: there are more), so that no search "
            + "counts the whole trail. page (offset paging) still works and is deprecated: a late page reads every "
            + "record before it.")
    @APIResponse(responseCode = "200", description = "One page of decisions")
    @APIResponse(responseCode = "400", description = "Invalid filter or cursor")
    public Page search(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                       @QueryParam("policyVersion") Integer policyVersion, @QueryParam("color") String color,
                       @Parameter(description = OUTCOME) @QueryParam("outcome") String outcome,
                       @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                       @Parameter(description = "the next of the previous page") @QueryParam("after") String after,
                       @Parameter(description = "deprecated: offset paging; use after", deprecated = true)
                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        DecisionQuery.Cursor cursor = after == null || after.isBlank() ? null : DecisionQuery.Cursor.parse("after", after);
        DecisionQuery search = new DecisionQuery(caseId, family, policyVersion, color, outcome, from, to);
        int offset = cursor == null ? page * size : 0;
        // One record more than the page tells whether another page follows.
        List<DecisionRecord> records = search.find(clock, cursor).range(offset, offset + size).list();
        boolean more = records.size() > size;
        List<DecisionRecord> shown = more ? records.subList(0, size) : records;
        List<DecisionView> items = shown.stream().map(r -> DecisionView.of(r, json, false)).toList();
        long total = export.countUpTo(search, COUNT_CAP + 1);
        return new Page(items, cursor == null ? page : 0, size, Math.min(total, COUNT_CAP), total > COUNT_CAP,
                more ? DecisionQuery.Cursor.after(shown.get(shown.size() - 1)).encoded() : null);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(operationId = "exportDecisions", summary = "Export a search as CSV", description = "UTF-8 with a byte-order mark so that Excel and WPS "
            + "open it with the Chinese intact; every matching decision, newest first, streamed as it is read. A search "
            + "matching more than lexrule.audit.export.max-rows decisions (default 1,000,000) is refused with a 422 "
            + "problem naming the limit (maxRows) and how to split it (pageBy: by date with from and to, or narrower "
            + "filters); an export is never cut short.")
    @APIResponse(responseCode = "200", description = "The CSV file")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    @APIResponse(responseCode = "422", description = "More decisions match than one export may hold; nothing was exported")
    public Response export(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                           @QueryParam("policyVersion") Integer policyVersion, @QueryParam("color") String color,
                           @Parameter(description = OUTCOME) @QueryParam("outcome") String outcome,
                           @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        DecisionQuery query = new DecisionQuery(caseId, family, policyVersion, color, outcome, from, to);
        export.requireWithinLimit(query);
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            export.write(query, writer);
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"lexrule-decisions-" + LocalDate.now(clock) + ".csv\"")
                .build();
    }
}
