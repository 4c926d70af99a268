package com.lexrule.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * Read access to the audit trail, for auditors: a search and a CSV export. One decision with its whole history (the
 * officers' decisions and objections that followed it) is {@code review/DecisionHistoryResource}, on the same path.
 */
@Path("/api/v1/decisions")
@Tag(name = "audit", description = "决定记录查询、历史与导出（审计人员）")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class DecisionResource {

    static final int MAX_EXPORT_ROWS = 100_000;

    private final ObjectMapper json;
    private final Clock clock;

    public DecisionResource(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** One page of a search. */
    public record Page(List<DecisionView> items, int page, int size, long total) {
    }

    @GET
    @Transactional
    @Operation(operationId = "searchDecisions", summary = "Search decisions", description = "By case id, family, policy version, color and date range "
            + "(dates in Asia/Shanghai, inclusive), newest first.")
    @APIResponse(responseCode = "200", description = "One page of decisions")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    public Page search(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                       @QueryParam("policyVersion") Integer policyVersion, @QueryParam("color") String color,
                       @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        PanacheQuery<DecisionRecord> query = new DecisionQuery(caseId, family, policyVersion, color, from, to).find(clock);
        List<DecisionView> items = query.page(page, size).list().stream().map(r -> DecisionView.of(r, json, false)).toList();
        return new Page(items, page, size, query.count());
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Transactional
    @Operation(operationId = "exportDecisions", summary = "Export a search as CSV", description = "UTF-8 with a byte-order mark so that Excel and WPS "
            + "open it with the Chinese intact; at most " + MAX_EXPORT_ROWS + " rows, newest first.")
    @APIResponse(responseCode = "200", description = "The CSV file")
    public Response export(@QueryParam("caseId") String caseId, @QueryParam("family") String family,
                           @QueryParam("policyVersion") Integer policyVersion, @QueryParam("color") String color,
                           @QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        List<DecisionRecord> records = new DecisionQuery(caseId, family, policyVersion, color, from, to).find(clock)
                .range(0, MAX_EXPORT_ROWS - 1).list();
        Map<String, String> ruleIds = new LinkedHashMap<>();
        for (DecisionRecord r : records) {
            ruleIds.put(r.id, firedRules(r.responseJson));
        }
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(clock.getZone());
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\ufeff');
            Csv.row(writer, "决定编号 decisionId", "时间 decidedAt", "政策族 family", "案件编号 caseId", "当事人 subjectId",
                    "阶段 stage", "罪名 crimeType", "建议 recommendation", "颜色 color", "结论 outcome", "政策版本 policyVersion",
                    "政策哈希 policySha256", "调用方 caller", "触发规则 findings", "异议 objectionId");
            for (DecisionRecord r : records) {
                Csv.row(writer, r.id, local.format(r.createdAt), r.family, r.caseId, r.subjectId, r.stage, r.crimeType,
                        r.recommendation, r.color, r.outcome, String.valueOf(r.policyVersion), r.policySha256, r.caller,
                        ruleIds.get(r.id), r.objectionId);
            }
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"lexrule-decisions-" + LocalDate.now(clock) + ".csv\"")
                .build();
    }

    private String firedRules(String responseJson) {
        try {
            JsonNode findings = json.readTree(responseJson).path("findings");
            StringBuilder ids = new StringBuilder();
            for (JsonNode finding : findings) {
                if (!ids.isEmpty()) ids.append(' ');
                ids.append(finding.path("ruleId").asText());
            }
            return ids.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }
}
