package com.lexrule.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.TableReader;
import com.lexrule.policy.table.PolicyProblem;

/**
 * Turns a decision table into DRL before it reaches the rule compiler, so that every compile error, which Drools
 * reports against a line of generated DRL ({@code line=-1} when a spreadsheet is compiled directly), can be traced
 * back to the sheet, row and cell an officer edited. The DRL is written from the table model the file was read into
 * once (the template and the typed values of the data rows), never from the workbook's displayed text, and the
 * model says where each generated rule starts and which row it came from.
 */
final class DecisionTableTranslator {

    /** A cell name in an exception message of the decision-table listener ("... at B4"). */
    private static final Pattern CELL_IN_MESSAGE = Pattern.compile("\\b([A-Z]{1,3}[1-9][0-9]*)\\b");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** One cell of the table as the DRL received it. */
    private record Placed(CellReference at, String text) {
        String name() {
            return at.formatAsString();
        }
    }

    /** A table turned into DRL, with the source row of every generated rule. */
    record TranslatedTable(PolicyFile source, String sheet, String drl, int ruleCount,
                           NavigableMap<Integer, CellReference> rowByLine, Map<Integer, List<Placed>> cellsByRow) {

        /**
         * Places a compile error at line {@code line} of the generated DRL in the cell it came from: the row is that
         * of the rule the line belongs to; the column is the cell of that row whose value the error names, or else
         * appears on the offending line.
         */
        PolicyProblem locate(int line, String message) {
            Map.Entry<Integer, CellReference> mark = line > 0 ? rowByLine.floorEntry(line) : null;
            if (mark == null) {
                return PolicyProblem.ofCell(source.name(), sheet, null, message);
            }
            CellReference rowCell = mark.getValue();
            String[] drlLines = drl.split("\n", -1);
            String offending = line - 1 < drlLines.length ? drlLines[line - 1] : "";
            List<Placed> cells = cellsByRow.getOrDefault(rowCell.getRow(), List.of());
            String cell = bestMatch(cells, message);
            if (cell == null) cell = bestTokenMatch(cells, message);
            if (cell == null) cell = bestMatch(cells, offending);
            if (cell == null) cell = byTemplate(rowCell, message);
            return PolicyProblem.ofCell(source.name(), sheet, cell == null ? rowCell.formatAsString() : cell, message);
        }

        /**
         * A type error names the Java the column's template wrote, not the value ("setPoints(int) is not applicable
         * for the arguments (double)"): the column whose template ($param) holds the named method or field, in the
         * offending row.
         */
        private String byTemplate(CellReference rowCell, String message) {
            Integer column = null;
            int best = 3;
            for (List<Placed> row : cellsByRow.values()) {
                for (Placed template : row) {
                    if (!template.text().contains("$param") && !template.text().matches("(?s).*\\$[0-9].*")) continue;
                    Matcher token = WORD.matcher(template.text());
                    while (token.find()) {
                        String word = token.group();
                        if (word.length() > best && !word.equals("param")
                                && Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(message).find()) {
                            best = word.length();
                            column = (int) template.at().getCol();
                        }
                    }
                }
            }
            return column == null ? null : new CellReference(rowCell.getRow(), column).formatAsString();
        }

        /** A value the compiler split into tokens ("thirty-five" → "thirty cannot be resolved"). */
        private static String bestTokenMatch(List<Placed> cells, String text) {
            String cell = null;
            int best = 2;
            for (Placed placed : cells) {
                Matcher token = WORD.matcher(placed.text());
                while (token.find()) {
                    String word = token.group();
                    if (word.length() > best && Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text).find()) {
                        best = word.length();
                        cell = placed.name();
                    }
                }
            }
            return cell;
        }

        private static String bestMatch(List<Placed> cells, String text) {
            String cell = null;
            int best = 1;
            for (Placed placed : cells) {
                String value = placed.text().trim();
                if (value.length() > best && text.contains(value)) {
                    best = value.length();
                    cell = placed.name();
                }
            }
            return cell;
        }
    }

    TranslatedTable translate(PolicyFile file) {
        TableReader.Result read = file.spreadsheet().decisionTable();
        if (!read.problems().isEmpty()) {
            throw new PolicyCompilationException(null, read.problems());
        }
        DecisionTable table = read.table();
        String sheet = table.template().sheetName();
        Map<Integer, List<Placed>> cellsByRow = new TreeMap<>();
        table.layout().forEach((r, row) -> {
            List<Placed> texts = new ArrayList<>();
            row.forEach((c, text) -> texts.add(new Placed(new CellReference(r, c), text)));
            cellsByRow.put(r, texts);
        });
        DecisionTable.Rules rules;
        try {
            rules = table.rules();
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher cell = CELL_IN_MESSAGE.matcher(message);
            String at = cell.find() ? cell.group(1) : null;
            throw new PolicyCompilationException(null, List.of(PolicyProblem.ofCell(file.name(), sheet, at,
                    "决策表结构错误 (decision table layout): " + message)));
        }
        return new TranslatedTable(file, sheet, rules.drl(), rules.count(), rules.rowByLine(), cellsByRow);
    }
}
