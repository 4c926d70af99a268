package com.lexrule.review.special;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The review report as a workbook for WPS or Excel: sheet "汇总" (who, when, which policy and file, the counts by
 * determination, deciding rule and crime type), sheet "逐案" (one row per case, disagreements highlighted), sheet
 * "错误行" (each unusable cell). Written with POI's streaming workbook, so a review of 20,000 cases is never a
 * workbook in memory.
 */
final class ReviewExport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String[] CASE_HEADINGS = {"行号", "案件编号", "犯罪嫌疑人编号", "罪名", "评查结果", "实际认定", "系统结论",
            "决定性规则", "规则理由", "法律依据", "触发的全部规则", "需补充的证据或事实", "错误"};

    private ReviewExport() {
    }

    interface Cases {
        void each(java.util.function.Consumer<ReviewViews.Case> consumer);
    }

    static void write(ReviewViews.Review review, ReviewForm form, Cases cases, ZoneId zone, OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            CellStyle heading = ReviewStyles.heading(wb);
            CellStyle disagree = wb.createCellStyle();
            disagree.setFillForegroundColor(IndexedColors.LIGHT_ORANGE.getIndex());
            disagree.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle percent = wb.createCellStyle();
            percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));

            SXSSFSheet summary = wb.createSheet("汇总");
            int r = 0;
            r = pair(summary, r, "评查名称", form.title(), heading);
            r = pair(summary, r, "评查编号", review.id(), heading);
            r = pair(summary, r, "表单", review.form(), heading);
            r = pair(summary, r, "所依据的政策", review.policy().family() + " v" + review.policy().version(), heading);
            r = pair(summary, r, "政策 sha256", review.policy().sha256(), heading);
            r = pair(summary, r, "提交人", review.submittedBy(), heading);
            r = pair(summary, r, "提交时间", time(review.submittedAt(), zone), heading);
            r = pair(summary, r, "完成时间", time(review.finishedAt(), zone), heading);
            r = pair(summary, r, "上传文件", review.source().name() == null ? review.source().format() : review.source().name(), heading);
            r = pair(summary, r, "上传文件 sha256", review.source().sha256(), heading);
            r = pair(summary, r, "状态", review.status(), heading);
            ReviewSummary s = review.summary();
            if (s != null) {
                r = pair(summary, r, "案件总数", s.total(), heading);
                r = pair(summary, r, "已评估", s.assessed(), heading);
                r = pair(summary, r, "一致", s.agreed(), heading);
                r = pair(summary, r, "不一致", s.disagreed(), heading);
                r = pair(summary, r, "无效行", s.invalid(), heading);
                r = pair(summary, r, "评估失败", s.failed(), heading);
                Row rate = summary.createRow(r++);
                cell(rate, 0, "一致率", heading);
                if (s.agreementRate() != null) {
                    rate.createCell(1).setCellValue(s.agreementRate().doubleValue());
                    rate.getCell(1).setCellStyle(percent);
                }
                r++;
                r = table(summary, r, heading, "实际认定 × 系统结论", new String[]{"实际认定", "系统结论", "是否一致", "案件数"},
                        s.byDetermination().stream().map(p -> new Object[]{label(p.recognised(), p.recognisedLabel()),
                                label(p.service(), p.serviceLabel()), p.agrees() ? "一致" : "不一致", p.count()}).toList());
                r = table(summary, r, heading, "按决定性规则", new String[]{"规则", "案件数", "一致", "不一致", "一致率"},
                        s.byRule().stream().map(g -> row(g)).toList(), percent);
                r = table(summary, r, heading, "按罪名", new String[]{"罪名", "案件数", "一致", "不一致", "一致率"},
                        s.byCrimeType().stream().map(g -> row(g)).toList(), percent);
                table(summary, r, heading, "按实际认定", new String[]{"实际认定", "案件数", "一致", "不一致", "一致率"},
                        s.byRecognised().stream().map(g -> row(g)).toList(), percent);
            }
            summary.setColumnWidth(0, 28 * 256);
            summary.setColumnWidth(1, 40 * 256);
            summary.setColumnWidth(2, 14 * 256);
            summary.setColumnWidth(3, 12 * 256);

            SXSSFSheet sheet = wb.createSheet("逐案");
            Row head = sheet.createRow(0);
            for (int c = 0; c < CASE_HEADINGS.length; c++) {
                cell(head, c, CASE_HEADINGS[c], heading);
            }
            sheet.createFreezePane(0, 1);
            int[] widths = {8, 22, 18, 18, 10, 22, 22, 14, 50, 40, 50, 40, 50};
            for (int c = 0; c < widths.length; c++) {
                sheet.setColumnWidth(c, widths[c] * 256);
            }
            List<RowError> errors = new ArrayList<>();
            int[] next = {1};
            cases.each(c -> {
                Row row = sheet.createRow(next[0]++);
                row.createCell(0).setCellValue(c.row());
                cell(row, 1, c.caseId(), null);
                cell(row, 2, c.subjectId(), null);
                cell(row, 3, c.crimeType(), null);
                cell(row, 4, switch (c.outcome()) {
                    case "AGREE" -> "一致";
                    case "DISAGREE" -> "不一致";
                    case "INVALID" -> "无效行";
                    default -> "评估失败";
                }, "DISAGREE".equals(c.outcome()) ? disagree : null);
                cell(row, 5, label(c.recognised(), c.recognisedLabel()), null);
                cell(row, 6, label(c.service(), c.serviceLabel()), null);
                JsonNode deciding = c.decidingFinding();
                if (deciding != null) {
                    cell(row, 7, deciding.path("ruleId").asText(null), null);
                    cell(row, 8, deciding.path("reason").asText(null), null);
                    cell(row, 9, deciding.path("legalBasis").asText(null), null);
                }
                if (c.answer() != null) {
                    List<String> fired = new ArrayList<>();
                    c.answer().path("findings").forEach(f -> fired.add(f.path("ruleId").asText()));
                    cell(row, 10, String.join(", ", fired), null);
                    List<String> missing = new ArrayList<>();
                    c.answer().path("missingEvidence").forEach(m -> missing.add(m.path("code").asText(m.toString())));
                    c.answer().path("missingFacts").forEach(m -> missing.add(m.asText()));
                    cell(row, 11, String.join(", ", missing), null);
                }
                if (c.errors() != null) {
                    errors.addAll(c.errors());
                    cell(row, 12, String.join("；", c.errors().stream().map(ReviewExport::describe).toList()), null);
                }
            });

            SXSSFSheet bad = wb.createSheet("错误行");
            Row badHead = bad.createRow(0);
            String[] badHeadings = {"行号", "列（字段）", "列名", "单元格", "所填的值", "原因"};
            for (int c = 0; c < badHeadings.length; c++) {
                cell(badHead, c, badHeadings[c], heading);
            }
            int b = 1;
            for (RowError e : errors) {
                Row row = bad.createRow(b++);
                row.createCell(0).setCellValue(e.row());
                cell(row, 1, e.column(), null);
                cell(row, 2, e.heading(), null);
                cell(row, 3, e.cell(), null);
                cell(row, 4, e.value(), null);
                cell(row, 5, e.reason(), null);
            }
            int[] badWidths = {8, 24, 24, 10, 30, 80};
            for (int c = 0; c < badWidths.length; c++) {
                bad.setColumnWidth(c, badWidths[c] * 256);
            }
            wb.write(out);
        } finally {
            wb.close();
            wb.dispose();
        }
    }

    private static String describe(RowError e) {
        return (e.cell() != null ? e.cell() + " " : "") + (e.column() != null ? e.column() + ": " : "") + e.reason();
    }

    private static Object[] row(ReviewSummary.Group g) {
        return new Object[]{g.key(), g.assessed(), g.agreed(), g.disagreed(), g.agreementRate()};
    }

    private static String label(String code, String label) {
        if (code == null) return null;
        return label == null || label.equals(code) ? code : label + " (" + code + ")";
    }

    private static int pair(Sheet sheet, int r, String key, Object value, CellStyle style) {
        Row row = sheet.createRow(r);
        cell(row, 0, key, style);
        if (value instanceof Number n) {
            row.createCell(1).setCellValue(n.doubleValue());
        } else {
            cell(row, 1, value == null ? null : value.toString(), null);
        }
        return r + 1;
    }

    private static int table(Sheet sheet, int r, CellStyle heading, String title, String[] headings, List<Object[]> rows) {
        return table(sheet, r, heading, title, headings, rows, null);
    }

    private static int table(Sheet sheet, int r, CellStyle heading, String title, String[] headings, List<Object[]> rows, CellStyle percent) {
        cell(sheet.createRow(r++), 0, title, heading);
        Row head = sheet.createRow(r++);
        for (int c = 0; c < headings.length; c++) {
            cell(head, c, headings[c], heading);
        }
        for (Object[] values : rows) {
            Row row = sheet.createRow(r++);
            for (int c = 0; c < values.length; c++) {
                Object v = values[c];
                if (v instanceof BigDecimal d) {
                    row.createCell(c).setCellValue(d.doubleValue());
                    if (percent != null) row.getCell(c).setCellStyle(percent);
                } else if (v instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else if (v != null) {
                    row.createCell(c).setCellValue(v.toString());
                }
            }
        }
        return r + 1;
    }

    private static void cell(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value.length() > 32000 ? value.substring(0, 32000) : value);
        }
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : TIME.format(instant.atZone(zone)) + " (" + zone + ")";
    }
}
