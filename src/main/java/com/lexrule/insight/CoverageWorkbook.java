package com.lexrule.insight;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.TableTemplate;

/**
 * The coverage as a workbook an officer reads beside the policy: a first sheet listing every rule and row with its
 * counts, then each published decision table's sheets copied as they are (values, styles, merges, widths), with two
 * columns added to the right of each table: how many decisions the row fired in and how many it decided.
 */
final class CoverageWorkbook {

    static final String SUMMARY = "覆盖情况";

    private CoverageWorkbook() {
    }

    static byte[] write(PolicyBundle bundle, CoverageService.Coverage coverage) {
        Map<String, CoverageService.Line> byRule = new HashMap<>();
        coverage.rules().forEach(l -> byRule.put(l.ruleId(), l));
        try (XSSFWorkbook out = new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            summary(out, coverage);
            Set<String> names = new HashSet<>(Set.of(SUMMARY));
            String catalog = bundle.manifest().catalog();
            for (PolicyFile file : bundle.files()) {
                if (!file.isSpreadsheet() || file.simpleName().equals(catalog)) continue;
                DecisionTable table = file.spreadsheet().decisionTable().table();
                if (table == null) continue;
                // read from the published bytes through a stream: the published file itself is never re-saved
                try (Workbook published = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
                    Map<CellStyle, CellStyle> styles = new HashMap<>();
                    for (Sheet sheet : published) {
                        String name = unique(names, sheet.getSheetName(), file.simpleName());
                        Sheet copy = out.createSheet(name);
                        copySheet(sheet, copy, styles, out);
                        if (sheet.getSheetName().equals(table.template().sheetName())) addCounts(copy, table, byRule);
                    }
                }
            }
            out.write(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void summary(XSSFWorkbook out, CoverageService.Coverage coverage) {
        Sheet sheet = out.createSheet(SUMMARY);
        String[] head = {"规则编号 ruleId", "类型 kind", "文件 file", "工作表 sheet", "单元格 cell", "行 line", "触发 fired",
                "决定 decided", "触发占比", "决定占比"};
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(coverage.policy().family() + " v" + coverage.policy().version() + " " + coverage.from()
                + " — " + coverage.to() + "，已审计决定 " + coverage.decisions());
        Row header = sheet.createRow(1);
        for (int c = 0; c < head.length; c++) header.createCell(c).setCellValue(head[c]);
        int r = 2;
        for (CoverageService.Line line : coverage.rules()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(line.ruleId());
            row.createCell(1).setCellValue(line.kind());
            if (line.file() != null) row.createCell(2).setCellValue(line.file());
            if (line.sheet() != null) row.createCell(3).setCellValue(line.sheet());
            if (line.cell() != null) row.createCell(4).setCellValue(line.cell());
            if (line.line() != null) row.createCell(5).setCellValue(line.line());
            row.createCell(6).setCellValue(line.fired());
            row.createCell(7).setCellValue(line.decided());
            row.createCell(8).setCellValue(line.firedShare());
            row.createCell(9).setCellValue(line.decidedShare());
        }
        sheet.createRow(r + 1).createCell(0).setCellValue(coverage.note());
        for (int c = 0; c < head.length; c++) sheet.setColumnWidth(c, c == 0 ? 60 * 256 : 14 * 256);
    }

    /** Sheet names are unique in a workbook and at most 31 characters. */
    private static String unique(Set<String> names, String sheet, String file) {
        String name = sheet;
        String stem = file.replaceFirst("\\.xlsx$", "");
        if (names.contains(name)) name = stem + "-" + sheet;
        if (name.length() > 31) name = name.substring(0, 31);
        for (int n = 2; names.contains(name); n++) name = name.substring(0, Math.min(name.length(), 28)) + "-" + n;
        names.add(name);
        return name;
    }

    private static void copySheet(Sheet from, Sheet to, Map<CellStyle, CellStyle> styles, Workbook out) {
        int lastColumn = 0;
        for (Row row : from) {
            Row target = to.createRow(row.getRowNum());
            if (row.isFormatted()) target.setHeight(row.getHeight());
            for (Cell cell : row) {
                Cell copy = target.createCell(cell.getColumnIndex());
                lastColumn = Math.max(lastColumn, cell.getColumnIndex());
                CellStyle style = styles.computeIfAbsent(cell.getCellStyle(), s -> {
                    CellStyle cloned = out.createCellStyle();
                    cloned.cloneStyleFrom(s);
                    return cloned;
                });
                copy.setCellStyle(style);
                switch (cell.getCellType()) {
                    case NUMERIC -> copy.setCellValue(cell.getNumericCellValue());
                    case BOOLEAN -> copy.setCellValue(cell.getBooleanCellValue());
                    case FORMULA -> copy.setCellFormula(cell.getCellFormula());
                    case STRING -> copy.setCellValue(cell.getStringCellValue());
                    default -> { }
                }
            }
        }
        for (int c = 0; c <= lastColumn; c++) to.setColumnWidth(c, from.getColumnWidth(c));
        for (CellRangeAddress merge : from.getMergedRegions()) to.addMergedRegion(merge);
    }

    private static void addCounts(Sheet sheet, DecisionTable table, Map<String, CoverageService.Line> byRule) {
        for (int t = 0; t < table.parts().size(); t++) {
            TableTemplate.Header header = table.template().tables().get(t);
            Integer idColumn = CoverageService.idColumn(header);
            if (idColumn == null) continue;
            DecisionTable.Part part = table.parts().get(t);
            int column = header.rows().stream().filter(r -> !r.isEmpty()).mapToInt(r -> r.lastKey()).max().orElse(idColumn) + 1;
            Row labels = row(sheet, part.headerRow() + TableTemplate.HEADER_ROWS - 1);
            labels.createCell(column).setCellValue("触发次数 (fired)");
            labels.createCell(column + 1).setCellValue("决定次数 (decided)");
            for (DecisionTable.DataRow data : part.rows()) {
                var id = data.cells().get(idColumn);
                CoverageService.Line line = id == null ? null : byRule.get(id.canonical());
                Row row = row(sheet, data.row());
                row.createCell(column).setCellValue(line == null ? 0 : line.fired());
                row.createCell(column + 1).setCellValue(line == null ? 0 : line.decided());
            }
            sheet.setColumnWidth(column, 16 * 256);
            sheet.setColumnWidth(column + 1, 18 * 256);
        }
    }

    private static Row row(Sheet sheet, int index) {
        Row row = sheet.getRow(index);
        return row == null ? sheet.createRow(index) : row;
    }
}
