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

    /** One page of a search, and the cursor of the next one (null on the last page). */
    public record Page(List<DecisionView> items, int size, String next) {
    }

    @GET
    @Transactional
    @Operation(operationId = "searchDecisions", summary = "Search decisions", description = "By case id, family, policy version, color and date range "
            + "(dates in Asia/Shanghai, inclusive), newest first. A page ends with next, the cursor to pass as after for "
            + "the page that follows (absent on the last page); pages are read by keyset, so a late page costs what the "
            + "first does, and nothing is counted: the export, or the statistics, give totals.")
    @APIResponse(responseCode = "200", description = "One page of decisions")
    @APIResponse(responseCode = "400", description = "Invalid filter or cursor")
    public Page search(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                       @QueryParam("policyVersion") Integer policyVersion, @QueryParam("color") String color,
                       @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                       @Parameter(description = "the next of the previous page") @QueryParam("after") String after,
                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        DecisionQuery.Cursor cursor = after == null || after.isBlank() ? null : DecisionQuery.Cursor.parse("after", after);
        // One record more than the page tells whether another page follows, without counting.
        List<DecisionRecord> records = new DecisionQuery(caseId, family, policyVersion, color, from, to).find(clock, cursor)
                .range(0, size).list();
        boolean more = records.size() > size;
        List<DecisionRecord> page = more ? records.subList(0, size) : records;
        List<DecisionView> items = page.stream().map(r -> DecisionView.of(r, json, false)).toList();
        return new Page(items, size, more ? DecisionQuery.Cursor.after(page.get(page.size() - 1)).encoded() : null);
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
                           @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        DecisionQuery query = new DecisionQuery(caseId, family, policyVersion, color, from, to);
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
