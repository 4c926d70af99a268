package com.lexrule.casefile;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.lexrule.audit.DecisionLedger;
import com.lexrule.audit.DecisionView;
import com.lexrule.policy.PolicyManifest;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.review.AccountabilityService;
import com.lexrule.review.OfficerDecision;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The assessment report (评估报告) an officer files in the case file (卷宗): one audited decision as recorded, with
 * the facts as received, the outcome, every finding with its reason, legal basis and points, the officer's
 * decision, the exact policy, and a verification code (the record's chain hash) with the QR code of the URL at
 * which anyone authenticated can check that the record exists unaltered. Read from the audit trail through
 * {@link DecisionLedger} and the review records; nothing is evaluated again.
 */
@ApplicationScoped
public class AssessmentReport {

    /** Answer fields shown elsewhere on the report (the header, the findings, the policy): not repeated as outcome. */
    private static final Set<String> SHOWN_ELSEWHERE = Set.of("decisionId", "policy", "caseId", "subjectId", "stage",
            "findings", "missingFacts", "decidedAt", "recorded", "objectionId");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm:ss");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final DecisionLedger ledger;
    private final AccountabilityService accountability;
    private final PolicyRegistry policies;
    private final ReportFont font;
    private final ZoneId zone;
    private final String verificationBase;

    public AssessmentReport(DecisionLedger ledger, AccountabilityService accountability, PolicyRegistry policies,
                            ReportFont font, Clock clock,
                            @ConfigProperty(name = "lexrule.report.verification-base-url") String verificationBase) {
        this.ledger = ledger;
        this.accountability = accountability;
        this.policies = policies;
        this.font = font;
        this.zone = clock.getZone();
        this.verificationBase = verificationBase.replaceAll("/+$", "");
    }

    /** What the report shows, read in one short transaction before any page is drawn. */
    private record Recorded(DecisionView decision, List<OfficerDecision> officerDecisions, PolicyVersion version,
                            PolicyManifest manifest) {
    }

    /** The verification URL a report's QR code encodes, for a record's code. */
    public String verificationUrl(String code) {
        return verificationBase + "/api/v1/verification/" + code;
    }

    /** The report as a PDF, or empty when there is no such decision. */
    public Optional<byte[]> pdf(String decisionId) {
        Optional<Recorded> recorded = QuarkusTransaction.requiringNew().call(() -> ledger.find(decisionId).map(d -> {
            PolicyVersion version = policies.versions(d.family()).stream()
                    .filter(v -> v.version() == d.policy().version()).findFirst().orElse(null);
            PolicyManifest manifest = policies.bundle(d.family(), d.policy().version()).manifest();
            return new Recorded(d, accountability.officerDecisions(decisionId), version, manifest);
        }));
        return recorded.map(this::render);
    }

    private byte[] render(Recorded r) {
        return font.draw(ttf -> render(r, ttf));
    }

    private byte[] render(Recorded r, org.apache.fontbox.ttf.TrueTypeFont ttf) {
        DecisionView d = r.decision();
        JsonNode answer = d.response();
        try (ReportPages pages = new ReportPages(ttf, "评估报告 " + d.decisionId(), r.manifest().title())) {
            pages.title("评 估 报 告", r.manifest().title());
            pages.field("案件编号", d.caseId());
            pages.field("犯罪嫌疑人编号", d.subjectId());
            pages.field("诉讼阶段", d.stage());
            pages.field("评估时间", time(d.decidedAt()));
            pages.field("决定编号", d.decisionId());
            pages.field("请求方", d.caller());
            if (d.objectionId() != null) pages.field("异议复评", "本次评估系对异议 " + d.objectionId() + " 的重新评估");

            pages.heading("一、评估结论");
            Map<String, String> outcome = new LinkedHashMap<>();
            outcome.put("结论", d.outcome());
            for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!SHOWN_ELSEWHERE.contains(field.getKey())) outcome.put(field.getKey(), value(field.getValue()));
            }
            List<String> missing = texts(answer.path("missingFacts"));
            if (!missing.isEmpty()) outcome.put("未认定的事实", String.join("、", missing));
            fields(pages, outcome);

            pages.heading("二、评估所依据的事实（按收到的原样）");
            Map<String, String> facts = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = d.request().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> fact = it.next();
                if (!CaseTimeline.NOT_FACTS.contains(fact.getKey())) facts.put(fact.getKey(), value(fact.getValue()));
            }
            fields(pages, facts);

            pages.heading("三、评估理由与法律依据（逐项）");
            int n = 0;
            for (JsonNode finding : answer.path("findings")) {
                n++;
                JsonNode points = finding.get("points");
                String note = points == null || points.isNull() ? null
                        : (points.asInt() > 0 ? "+" : "") + points.asText() + " 分";
                String reason = n + ". " + finding.path("reason").asText();
                String basis = "法律依据：" + finding.path("legalBasis").asText();
                String rule = "规则：" + finding.path("ruleId").asText();
                pages.keep(pages.height(reason, ReportPages.BODY, 40) + pages.height(basis, ReportPages.BODY, 14)
                        + pages.height(rule, ReportPages.SMALL, 14));
                pages.itemWithNote(reason, note, 0);
                pages.paragraph(basis, ReportPages.BODY, 14, false);
                pages.paragraph(rule, ReportPages.SMALL, 14, true);
                pages.space(3);
            }
            if (n == 0) pages.paragraph("（无）", ReportPages.BODY, 0, false);

            pages.heading("四、承办人决定");
            officerDecision(pages, r.officerDecisions());

            pages.heading("五、政策版本");
            pages.field("政策", d.family() + "（第 " + d.policy().version() + " 版）");
            LocalDate effective = r.version() != null ? r.version().effectiveFrom() : r.manifest().effectiveFrom();
            pages.field("生效日期", effective == null ? null : DATE.format(effective));
            pages.field("SHA-256", d.policy().sha256(), ReportPages.SMALL);

            pages.heading("六、核验");
            verification(pages, d);
            return pages.finish("Lexrule 评估报告 · 决定编号 " + d.decisionId());
        }
    }

    /** Labelled fields whose labels (field names as received) set the width of the label column. */
    private static void fields(ReportPages pages, Map<String, String> fields) {
        pages.labels(fields.keySet());
        fields.forEach(pages::field);
        pages.labels(List.of());
    }

    private void officerDecision(ReportPages pages, List<OfficerDecision> decisions) {
        if (decisions.isEmpty()) {
            pages.paragraph("尚未记录承办人的最终决定。", ReportPages.BODY, 0, false);
            return;
        }
        OfficerDecision last = decisions.get(decisions.size() - 1);
        pages.field("决定", last.taken + (last.agrees ? "（与评估建议一致）" : "（与评估建议不一致）"));
        pages.field("承办人", last.officer);
        pages.field("理由", last.reason);
        pages.field("记录时间", time(last.recordedAt));
        if (decisions.size() > 1) {
            List<String> earlier = new ArrayList<>();
            for (OfficerDecision o : decisions.subList(0, decisions.size() - 1)) {
                earlier.add("第 " + o.revision + " 次：" + o.taken + "，" + o.officer + "，" + time(o.recordedAt));
            }
            pages.field("更正记录", "本决定为第 " + last.revision + " 次记录，更正此前的记录：" + String.join("；", earlier));
        }
    }

    private void verification(ReportPages pages, DecisionView d) {
        if (d.recordHash() == null) {
            pages.paragraph("此记录写入于链式哈希启用之前，没有验证码。", ReportPages.BODY, 0, false);
            return;
        }
        String url = verificationUrl(d.recordHash());
        float side = 96;
        float top = pages.y();
        float left = pages.qrCode(url, side, side);
        pages.narrowField("决定编号", d.decisionId(), left, ReportPages.BODY);
        pages.narrowField("验证码", d.recordHash().substring(0, 32) + "\n" + d.recordHash().substring(32), left, ReportPages.BODY);
        pages.narrowField("核验网址", url, left, ReportPages.SMALL);
        pages.narrowField("说明", "扫描二维码或访问核验网址（须登录），可核实本决定记录是否存在、未被改动，以及其评估结论。"
                + "验证码即该记录在审计链中的哈希。", left, ReportPages.SMALL);
        pages.moveTo(top - side - 4);
    }

    String time(Instant at) {
        return at == null ? null : TIME.format(at.atZone(zone)) + "（" + zone.getId() + "）";
    }

    /** A value as received: text as it is, a list joined, yes/no for a boolean, 无 for an empty list. */
    static String value(JsonNode value) {
        if (value == null || value.isNull()) return "未填写";
        if (value.isBoolean()) return value.asBoolean() ? "是" : "否";
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
            return items.isEmpty() ? "无" : String.join("、", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
