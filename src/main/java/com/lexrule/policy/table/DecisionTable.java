package com.lexrule.policy.table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drools.decisiontable.parser.DefaultRuleSheetListener;
import org.drools.template.model.DRLOutput;
import org.drools.template.model.Rule;
import org.drools.template.parser.DataListener;

/**
 * A decision table as the service holds it: the template of the published version and the typed values of the
 * data rows. The rule source is written from these two alone, so nothing an officer typed, formatted or attached
 * reaches the rule compiler except values that passed their column's check.
 */
public record DecisionTable(TableTemplate template, List<Part> parts) {

    /** One RuleTable where it sits in the workbook (zero-based row of its RuleTable cell) and its data rows. */
    public record Part(int headerRow, List<DataRow> rows) {
    }

    public record DataRow(int row, NavigableMap<Integer, CellValue> cells) {
    }

    /** Every cell the table consists of, header and data, as text by zero-based row and column. */
    public NavigableMap<Integer, NavigableMap<Integer, String>> layout() {
        NavigableMap<Integer, NavigableMap<Integer, String>> layout = new TreeMap<>();
        template.ruleSetArea().forEach((r, row) -> layout.put(r, new TreeMap<>(row)));
        for (int t = 0; t < parts.size(); t++) {
            Part part = parts.get(t);
            TableTemplate.Header header = template.tables().get(t);
            for (int r = 0; r < TableTemplate.HEADER_ROWS; r++) {
                if (!header.rows().get(r).isEmpty()) layout.put(part.headerRow() + r, new TreeMap<>(header.rows().get(r)));
            }
            for (DataRow row : part.rows()) {
                NavigableMap<Integer, String> texts = new TreeMap<>();
                row.cells().forEach((c, v) -> texts.put(c, v.canonical()));
                layout.put(row.row(), texts);
            }
        }
        return layout;
    }

    /** The merged header cells where they sit in this workbook. */
    public List<CellRangeAddress> merges() {
        List<CellRangeAddress> merges = new ArrayList<>();
        for (int t = 0; t < parts.size(); t++) {
            int at = parts.get(t).headerRow();
            for (CellRangeAddress m : template.tables().get(t).merges()) {
                merges.add(new CellRangeAddress(m.getFirstRow() + at, m.getLastRow() + at, m.getFirstColumn(), m.getLastColumn()));
            }
        }
        return merges;
    }

    /**
     * The rules of this table as DRL, and where each rule starts in it: the line of its first line and the cell of its
     * row ("B9", in the RuleTable's column, as Drools marks it "rule values at B9"), so that a compile error at a line
     * of the DRL can be placed in the sheet.
     */
    public record Rules(String drl, NavigableMap<Integer, CellReference> rowByLine) {
        public int count() {
            return rowByLine.size();
        }
    }

    /**
     * The DRL of this table, written by Drools' own decision-table listener fed cell by cell from the layout, as its
     * Excel parser would feed it: a merged header cell reaches the listener in every column it covers. Each rule is
     * then found in the text by rendering it alone, as the package renders it, so no generated line is parsed back.
     */
    public Rules rules() {
        NavigableMap<Integer, NavigableMap<Integer, String>> layout = layout();
        List<CellRangeAddress> merges = merges();
        DefaultRuleSheetListener listener = new DefaultRuleSheetListener();
        int last = layout.isEmpty() ? 0 : layout.lastKey();
        for (int r = 0; r <= last; r++) {
            NavigableMap<Integer, String> row = layout.getOrDefault(r, new TreeMap<>());
            NavigableMap<Integer, String[]> fed = new TreeMap<>();
            row.forEach((c, text) -> fed.put(c, new String[] {text, Integer.toString(DataListener.NON_MERGED)}));
            for (CellRangeAddress merge : merges) {
                if (r < merge.getFirstRow() || r > merge.getLastRow()) continue;
                String text = layout.getOrDefault(merge.getFirstRow(), new TreeMap<>()).getOrDefault(merge.getFirstColumn(), "");
                for (int c = merge.getFirstColumn(); c <= merge.getLastColumn(); c++) {
                    fed.put(c, new String[] {text, Integer.toString(merge.getFirstColumn())});
                }
            }
            listener.newRow(r, fed.isEmpty() ? 0 : fed.lastKey() + 1);
            for (var cell : fed.entrySet()) {
                listener.newCell(r, cell.getKey(), cell.getValue()[0], Integer.parseInt(cell.getValue()[1]));
            }
        }
        listener.finishSheet();
        DRLOutput out = new DRLOutput();
        listener.getRuleSet().renderDRL(out);
        String drl = out.getDRL();
        NavigableMap<Integer, CellReference> rowByLine = new TreeMap<>();
        int from = 0;
        int line = 1;
        for (Rule rule : listener.getRuleSet().getRules()) {
            DRLOutput alone = new DRLOutput();
            rule.renderDRL(alone);
            int at = drl.indexOf(alone.getDRL(), from);
            if (at < 0) throw new IllegalStateException("rule " + rule.getName() + " not found in the DRL written for it");
            line += (int) drl.substring(from, at).chars().filter(ch -> ch == '\n').count();
            int row = rule.getSpreadsheetRowNumber() - 1;
            rowByLine.put(line, new CellReference(row, ruleTableColumn(row)));
            from = at;
        }
        return new Rules(drl, rowByLine);
    }

    /** The column of the RuleTable cell of the part a data row belongs to. */
    private int ruleTableColumn(int row) {
        for (int t = parts.size() - 1; t >= 0; t--) {
            if (parts.get(t).headerRow() < row) return template.tables().get(t).ruleTableColumn();
        }
        return 0;
    }

    /**
     * The workbook the service stores and publishes for this table: written afresh from the template and the typed
     * values, so that no format, comment, link, name, validation or macro of an upload survives into a version.
     */
    public byte[] workbook() {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet(template.sheetName());
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            header.setWrapText(true);
            java.util.Set<Integer> headerRows = new java.util.HashSet<>(template.ruleSetArea().keySet());
            for (Part part : parts) {
                for (int r = 0; r < TableTemplate.HEADER_ROWS; r++) headerRows.add(part.headerRow() + r);
            }
            NavigableMap<Integer, NavigableMap<Integer, CellValue>> values = new TreeMap<>();
            for (Part part : parts) {
                for (DataRow row : part.rows()) values.put(row.row(), row.cells());
            }
            layout().forEach((r, texts) -> {
                Row row = sheet.createRow(r);
                texts.forEach((c, text) -> {
                    var cell = row.createCell(c);
                    CellValue value = values.getOrDefault(r, new TreeMap<>()).get(c);
                    if (value instanceof CellValue.Number n) cell.setCellValue(n.value().doubleValue());
                    else if (value instanceof CellValue.Bool b) cell.setCellValue(b.value());
                    else cell.setCellValue(text);
                    if (headerRows.contains(r)) cell.setCellStyle(header);
                });
            });
            for (CellRangeAddress merge : merges()) {
                // Every covered cell is written too: a reader that finds no cell there reads the merge apart.
                for (int r = merge.getFirstRow(); r <= merge.getLastRow(); r++) {
                    Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
                    for (int c = merge.getFirstColumn(); c <= merge.getLastColumn(); c++) {
                        if (row.getCell(c) == null) row.createCell(c).setCellStyle(header);
                    }
                }
                sheet.addMergedRegion(merge);
            }
            template.columnWidths().forEach(sheet::setColumnWidth);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
