package com.lexrule.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.lexrule.policy.table.SheetCells;
import com.lexrule.policy.table.TableReader;
import com.lexrule.policy.table.TableTemplate;

/**
 * Turns a decision table into DRL before it reaches the rule compiler, so that every compile error, which Drools
 * reports against a line of generated DRL ({@code line=-1} when a spreadsheet is compiled directly), can be traced
 * back to the sheet, row and cell an officer edited. The generated DRL marks each rule with its source row
 * ("rule values at B9, header at B4"). The DRL is written from the table model (the template and the typed values
 * of the data rows), never from the workbook's displayed text.
 */
final class DecisionTableTranslator {

    private static final Pattern ROW_MARK = Pattern.compile("^\\s*//\\s*rule values at ([A-Z]+[0-9]+), header at ([A-Z]+[0-9]+)");
    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("\\b([A-Z]{1,3}[1-9][0-9]*)\\b");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern RULE_START = Pattern.compile("^\\s*rule\\s+\"", Pattern.MULTILINE);

    /** A table turned into DRL, with the source row of every generated rule. */
    record TranslatedTable(PolicyFile source, String sheet, String drl, int ruleCount,
                           NavigableMap<Integer, String> rowCellByLine, Map<Integer, List<String[]>> cellsByRow) {

        /**
         * Places a compile error at line {@code line} of the generated DRL in the cell it came from: the row is the
         * nearest source mark above the line; the column is the cell of that row whose value the error names, or
         * else appears on the offending line.
         */
        PolicyProblem locate(int line, String message) {
            Map.Entry<Integer, String> mark = line > 0 ? rowCellByLine.floorEntry(line) : null;
            if (mark == null) {
                return PolicyProblem.ofCell(source.name(), sheet, null, message);
            }
            String rowCell = mark.getValue();
            String[] drlLines = drl.split("\n", -1);
            String offending = line - 1 < drlLines.length ? drlLines[line - 1] : "";
            List<String[]> cells = cellsByRow.getOrDefault(CellName.row(rowCell), List.of());
            String cell = bestMatch(cells, message);
            if (cell == null) cell = bestTokenMatch(cells, message);
            if (cell == null) cell = bestMatch(cells, offending);
            if (cell == null) cell = byTemplate(rowCell, message);
            return PolicyProblem.ofCell(source.name(), sheet, cell == null ? rowCell : cell, message);
        }

        /**
         * A type error names the Java the column's template wrote, not the value ("setPoints(int) is not applicable
         * for the arguments (double)"): the column whose template ($param) holds the named method or field, in the
         * offending row.
         */
        private String byTemplate(String rowCell, String message) {
            String column = null;
            int best = 3;
            for (List<String[]> row : cellsByRow.values()) {
                for (String[] nameAndValue : row) {
                    if (!nameAndValue[1].contains("$param") && !nameAndValue[1].matches("(?s).*\\$[0-9].*")) continue;
                    Matcher token = WORD.matcher(nameAndValue[1]);
                    while (token.find()) {
                        String word = token.group();
                        if (word.length() > best && !word.equals("param")
                                && Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(message).find()) {
                            best = word.length();
                            column = nameAndValue[0].replaceAll("[0-9]", "");
                        }
                    }
                }
            }
            return column == null ? null : column + CellName.row(rowCell);
        }

        /** A value the compiler split into tokens ("thirty-five" → "thirty cannot be resolved"). */
        private static String bestTokenMatch(List<String[]> cells, String text) {
            String cell = null;
            int best = 2;
            for (String[] nameAndValue : cells) {
                Matcher token = WORD.matcher(nameAndValue[1]);
                while (token.find()) {
                    String word = token.group();
                    if (word.length() > best && Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text).find()) {
                        best = word.length();
                        cell = nameAndValue[0];
                    }
                }
            }
            return cell;
        }

        private static String bestMatch(List<String[]> cells, String text) {
            String cell = null;
            int best = 1;
            for (String[] nameAndValue : cells) {
                String value = nameAndValue[1].trim();
                if (value.length() > best && text.contains(value)) {
                    best = value.length();
                    cell = nameAndValue[0];
                }
            }
            return cell;
        }
    }

    private static final java.util.Set<String> COLUMN_TYPES = java.util.Set.of("CONDITION", "ACTION", "METADATA", "PRIORITY");

    /**
     * A CONDITION/ACTION header row must sit right under a "RuleTable" cell. Without it Drools reads the table as
     * loose properties and drops its rules without a word, so that is refused here.
     */
    private static List<PolicyProblem> orphanHeaders(PolicyFile table, String sheet, Map<Integer, List<String[]>> cellsByRow) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (Map.Entry<Integer, List<String[]>> row : cellsByRow.entrySet()) {
            for (String[] cell : row.getValue()) {
                if (!COLUMN_TYPES.contains(cell[1].trim().toUpperCase(java.util.Locale.ROOT))) continue;
                int column = CellName.columnIndex(cell[0]);
                boolean underRuleTable = false;
                for (String[] above : cellsByRow.getOrDefault(row.getKey() - 1, List.of())) {
                    if (CellName.columnIndex(above[0]) <= column && above[1].trim().toLowerCase(java.util.Locale.ROOT).startsWith("ruletable")) {
                        underRuleTable = true;
                    }
                }
                if (!underRuleTable) {
                    problems.add(PolicyProblem.ofCell(table.name(), sheet, cell[0],
                            "列类型行上方缺少 RuleTable 标记，该表的规则会被忽略 (header row without a RuleTable cell above it)"));
                }
                break;
            }
        }
        return problems;
    }

    TranslatedTable translate(PolicyFile table) {
        String sheetName;
        Map<Integer, List<String[]>> cellsByRow = new TreeMap<>();
        String drl;
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(table.content()))) {
            // Drools compiles the first sheet only; the others (notes, catalogs) are for people.
            Sheet sheet = workbook.getSheetAt(0);
            sheetName = sheet.getSheetName();
            SheetCells cells = SheetCells.read(sheet);
            Map<Integer, List<String[]>> raw = new TreeMap<>();
            cells.rows().forEach((r, row) -> {
                List<String[]> texts = new ArrayList<>();
                row.forEach((c, v) -> texts.add(new String[] {CellName.of(r, c), v.canonical()}));
                raw.put(r + 1, texts);
            });
            List<PolicyProblem> layout = orphanHeaders(table, sheetName, raw);
            if (!layout.isEmpty()) {
                throw new PolicyCompilationException(null, layout);
            }
            TableTemplate template;
            try {
                template = TableTemplate.of(sheet);
            } catch (IllegalStateException e) {
                throw new PolicyCompilationException(null, List.of(PolicyProblem.ofCell(table.name(), sheetName, null,
                        "决策表表头无效 (decision table header): " + e.getMessage())));
            }
            TableReader.Result read = TableReader.read(table.name(), cells, template);
            if (!read.problems().isEmpty()) {
                throw new PolicyCompilationException(null, read.problems());
            }
            read.table().layout().forEach((r, row) -> {
                List<String[]> texts = new ArrayList<>();
                row.forEach((c, text) -> texts.add(new String[] {CellName.of(r, c), text}));
                cellsByRow.put(r + 1, texts);
            });
            try {
                drl = read.table().drl();
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                Matcher cell = CELL_IN_MESSAGE.matcher(message);
                String at = cell.find() ? cell.group(1) : null;
                throw new PolicyCompilationException(null, List.of(PolicyProblem.ofCell(table.name(), sheetName, at,
                        "决策表结构错误 (decision table layout): " + message)));
            }
        } catch (PolicyCompilationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PolicyCompilationException(null, List.of(PolicyProblem.ofFile(table.name(),
                    "无法读取电子表格 (not a readable .xlsx workbook): " + e.getMessage())));
        }
        NavigableMap<Integer, String> marks = new TreeMap<>();
        String[] lines = drl.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = ROW_MARK.matcher(lines[i]);
            if (m.find()) {
                marks.put(i + 1, m.group(1));
            }
        }
        int rules = 0;
        Matcher ruleStart = RULE_START.matcher(drl);
        while (ruleStart.find()) {
            rules++;
        }
        return new TranslatedTable(table, sheetName, drl, rules, marks, cellsByRow);
    }
}
