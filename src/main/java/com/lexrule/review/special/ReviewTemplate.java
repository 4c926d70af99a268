package com.lexrule.review.special;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Name;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.lexrule.policy.CompiledPolicy;

/**
 * The upload template of a review form, built from the policy in force (or the one pinned): sheet "案件" with the
 * Chinese heading row and the field-name row, a drop-down on every code column taken from the policy's catalog
 * (the lists sit on a hidden sheet, one named range each), 是/否 drop-downs on yes/no columns, and a visible sheet
 * "说明" with each column's meaning, type and every code with its label. List columns take several codes in one
 * cell, separated by commas or semicolons, so they get no drop-down.
 */
final class ReviewTemplate {

    static final String CASES_SHEET = "案件";
    private static final String LISTS_SHEET = "lists";

    private ReviewTemplate() {
    }

    static byte[] build(ReviewForm form, CompiledPolicy policy, int maxRows) {
        CaseParser parser = new CaseParser(form, policy.catalog());
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet cases = wb.createSheet(CASES_SHEET);
            Sheet help = wb.createSheet("说明");
            Sheet lists = wb.createSheet(LISTS_SHEET);
            wb.setSheetVisibility(wb.getSheetIndex(lists), SheetVisibility.HIDDEN);

            CellStyle heading = ReviewStyles.heading(wb);
            heading.setBorderBottom(BorderStyle.THIN);
            heading.setWrapText(true);
            CellStyle keys = wb.createCellStyle();
            Font grey = wb.createFont();
            grey.setItalic(true);
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            keys.setFont(grey);
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));

            Row labels = cases.createRow(0);
            Row names = cases.createRow(1);
            labels.setHeightInPoints(32);
            DataValidationHelper validations = cases.getDataValidationHelper();
            List<ReviewColumn> columns = form.allColumns();
            int listColumn = 0;
            for (int c = 0; c < columns.size(); c++) {
                ReviewColumn column = columns.get(c);
                var label = labels.createCell(c);
                label.setCellValue(column.heading());
                label.setCellStyle(heading);
                var name = names.createCell(c);
                name.setCellValue(column.key());
                name.setCellStyle(keys);
                cases.setColumnWidth(c, Math.min(60, Math.max(14, column.label().length() * 2 + 4)) * 256);
                if (column.type() == ReviewColumn.Type.TEXT || column.type() == ReviewColumn.Type.CODES) {
                    cases.setDefaultColumnStyle(c, text); // case numbers like 0451 and code lists stay text
                }
                CellRangeAddressList range = new CellRangeAddressList(2, maxRows + 1, c, c);
                DataValidation validation = null;
                if (column.type() == ReviewColumn.Type.CODE) {
                    Map<String, String> codes = parser.codesOf(column);
                    String rangeName = "list_" + column.key();
                    int r = 0;
                    for (String code : codes.keySet()) {
                        Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
                        row.createCell(listColumn).setCellValue(code);
                        r++;
                    }
                    Name named = wb.createName();
                    named.setNameName(rangeName);
                    String col = CellReference.convertNumToColString(listColumn);
                    named.setRefersToFormula(LISTS_SHEET + "!$" + col + "$1:$" + col + "$" + Math.max(1, codes.size()));
                    listColumn++;
                    DataValidationConstraint constraint = validations.createFormulaListConstraint(rangeName);
                    validation = validations.createValidation(constraint, range);
                    validation.createErrorBox("代码无效 (invalid code)", "请从下拉列表中选择（见“说明”工作表） — choose from the list");
                } else if (column.type() == ReviewColumn.Type.BOOLEAN) {
                    validation = validations.createValidation(validations.createExplicitListConstraint(new String[]{"是", "否"}), range);
                    validation.createErrorBox("是/否 (yes/no)", "请填写 是 或 否 — yes or no");
                } else if (column.type() == ReviewColumn.Type.CODES) {
                    validation = validations.createValidation(validations.createCustomConstraint("TRUE"), range);
                    validation.createPromptBox(column.label(), "可填多个代码，用逗号或分号分隔；代码见“说明”工作表");
                    validation.setShowPromptBox(true);
                }
                if (validation != null) {
                    validation.setShowErrorBox(column.type() != ReviewColumn.Type.CODES);
                    cases.addValidationData(validation);
                }
            }
            cases.createFreezePane(2, 2);

            int r = 0;
            Row title = help.createRow(r++);
            title.createCell(0).setCellValue(form.title() + "（上传模板） — special review upload template: " + form.name());
            title.getCell(0).setCellStyle(heading);
            help.createRow(r++).createCell(0).setCellValue("依据政策 policy: " + policy.family() + " v" + policy.version().version()
                    + "  sha256 " + policy.version().sha256());
            help.createRow(r++).createCell(0).setCellValue("每行一个案件，从第3行填起；带 * 的列必填。是/否列填 是 或 否（也可填 TRUE/FALSE）。"
                    + "多个代码用逗号或分号分隔。代码也可填中文名称。最多 " + maxRows + " 行。");
            r++;
            Row head = help.createRow(r++);
            String[] headings = {"列 column", "字段 field", "中文名称", "类型 type", "必填 required", "代码 code", "含义 label"};
            for (int i = 0; i < headings.length; i++) {
                head.createCell(i).setCellValue(headings[i]);
                head.getCell(i).setCellStyle(heading);
            }
            for (int c = 0; c < columns.size(); c++) {
                ReviewColumn column = columns.get(c);
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(CellReference.convertNumToColString(c));
                row.createCell(1).setCellValue(column.key());
                row.createCell(2).setCellValue(column.label());
                row.createCell(3).setCellValue(column.type().description);
                row.createCell(4).setCellValue(column.required() ? "是" : "否");
                if (column.hasCodes()) {
                    for (Map.Entry<String, String> code : parser.codesOf(column).entrySet()) {
                        Row codeRow = help.createRow(r++);
                        codeRow.createCell(5).setCellValue(code.getKey());
                        codeRow.createCell(6).setCellValue(code.getValue());
                    }
                }
            }
            help.setColumnWidth(0, 10 * 256);
            help.setColumnWidth(1, 26 * 256);
            help.setColumnWidth(2, 30 * 256);
            help.setColumnWidth(3, 30 * 256);
            help.setColumnWidth(5, 36 * 256);
            help.setColumnWidth(6, 60 * 256);
            wb.setActiveSheet(0);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
