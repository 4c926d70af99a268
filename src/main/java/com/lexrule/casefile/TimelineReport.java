package com.lexrule.casefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.audit.DecisionLedger;

/**
 * A case's timeline (案件全流程记录) as a printed document: the entries of {@link CaseTimeline} in time order, each
 * with what it records and, for an assessment, what changed since the family's previous one; the other cases of the
 * same subject are listed at the end, as related, not merged.
 */
@ApplicationScoped
public class TimelineReport {

    private static final Map<CaseTimeline.Kind, String> KINDS = Map.of(
            CaseTimeline.Kind.ASSESSMENT, "评估",
            CaseTimeline.Kind.OFFICER_DECISION, "承办人决定",
            CaseTimeline.Kind.OBJECTION, "异议",
            CaseTimeline.Kind.OBJECTION_OUTCOME, "异议处理结果");

    private final CaseTimeline timeline;
    private final AssessmentReport report;
    private final ReportFont font;

    public TimelineReport(CaseTimeline timeline, AssessmentReport report, ReportFont font) {
        this.timeline = timeline;
        this.report = report;
        this.font = font;
    }

    /** The timeline as a PDF, or empty when nothing is recorded about the case. */
    public Optional<byte[]> pdf(String caseId) {
        CaseTimeline.Timeline found = timeline.of(caseId);
        return found == null ? Optional.empty() : Optional.of(render(found));
    }

    private byte[] render(CaseTimeline.Timeline t) {
        return font.draw(ttf -> render(t, ttf));
    }

    private byte[] render(CaseTimeline.Timeline t, org.apache.fontbox.ttf.TrueTypeFont ttf) {
        try (ReportPages pages = new ReportPages(ttf, "案件全流程记录 " + t.caseId(), "随案推送、全程留痕")) {
            pages.title("案件全流程记录", "随案推送、全程留痕");
            pages.field("案件编号", t.caseId());
            pages.field("犯罪嫌疑人编号", String.join("、", t.subjectIds()));
            pages.field("记录条数", Integer.toString(t.entries().size()));
            pages.heading("一、按时间顺序的记录");
            int n = 0;
            for (CaseTimeline.Entry e : t.entries()) {
                n++;
                pages.itemWithNote(n + ". " + KINDS.get(e.kind()) + "（" + e.family() + (e.stage() == null ? "" : " · " + e.stage())
                        + "）", report.time(e.at()), 0);
                for (String line : lines(e)) pages.paragraph(line, ReportPages.BODY, 14, false);
                pages.paragraph("编号：" + e.id(), ReportPages.SMALL, 14, true);
                pages.space(3);
            }
            pages.heading("二、同一犯罪嫌疑人的其他案件（仅列出关联，不合并）");
            if (t.relatedCases().isEmpty()) pages.paragraph("无", ReportPages.BODY, 0, false);
            for (DecisionLedger.SubjectCase related : t.relatedCases()) {
                pages.paragraph("案件 " + related.caseId() + "，犯罪嫌疑人 " + related.subjectId() + "，评估 "
                        + related.assessments() + " 次，最近一次 " + report.time(related.lastDecidedAt()), ReportPages.BODY, 0, false);
            }
            return pages.finish("Lexrule 案件全流程记录 · 案件编号 " + t.caseId());
        }
    }

    private static List<String> lines(CaseTimeline.Entry e) {
        List<String> lines = new ArrayList<>();
        switch (e.kind()) {
            case ASSESSMENT -> {
                lines.add("结论：" + e.outcome());
                lines.add("政策：" + e.policy().family() + " 第 " + e.policy().version() + " 版，SHA-256 " + e.policy().sha256());
                if (e.objectionId() != null) lines.add("对异议 " + e.objectionId() + " 的重新评估");
                if (e.linkedDecisionId() != null) lines.add("所依据的逮捕评估：" + e.linkedDecisionId());
                if (e.change() != null) lines.addAll(change(e.change()));
            }
            case OFFICER_DECISION -> {
                lines.add("决定：" + e.taken() + (Boolean.TRUE.equals(e.agrees()) ? "（与评估建议一致）" : "（与评估建议不一致）")
                        + "，承办人 " + e.by() + (e.revision() != null && e.revision() > 1 ? "，第 " + e.revision() + " 次记录，更正 " + e.corrects() : ""));
                lines.add("理由：" + e.reason());
                lines.add("所涉评估：" + e.linkedDecisionId());
            }
            case OBJECTION -> {
                lines.add("提出人：" + e.by() + "；理由：" + e.grounds());
                lines.add("所涉评估：" + e.linkedDecisionId());
            }
            case OBJECTION_OUTCOME -> {
                lines.add("处理结果：" + e.outcome() + "，" + e.by() + "；理由：" + e.reason());
                if (e.reassessments() != null && !e.reassessments().isEmpty()) {
                    lines.add("重新评估：" + String.join("、", e.reassessments()));
                }
            }
        }
        return lines;
    }

    private static List<String> change(CaseTimeline.Change change) {
        List<String> lines = new ArrayList<>();
        lines.add("与前次评估（" + change.previousDecisionId() + "）相比：");
        for (CaseTimeline.FactChange fact : change.facts()) {
            lines.add("  事实 " + fact.field() + "：" + AssessmentReport.value(fact.before()) + " → " + AssessmentReport.value(fact.after()));
        }
        if (!change.findingsAdded().isEmpty()) lines.add("  新增评估依据：" + String.join("、", change.findingsAdded()));
        if (!change.findingsRemoved().isEmpty()) lines.add("  不再适用的评估依据：" + String.join("、", change.findingsRemoved()));
        lines.add("  结论：" + (change.outcomeChanged() ? change.outcomeBefore() + " → " + change.outcomeAfter() : "未变化"));
        return lines;
    }
}
