package com.lexrule.policy.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.lexrule.policy.PolicyProblem;
import com.lexrule.policy.lifecycle.Grid.SheetGrid;
import com.lexrule.policy.lifecycle.Grid.Value;

/**
 * Spreadsheets are code in their header rows and data below them. An officer's upload may change data only, so
 * that a table can never carry Java into the rule base:
 * <ul>
 * <li>the RuleSet area above the first RuleTable (RuleSet, Import, Functions, Variables, Queries, Declare, Notes)
 * must equal the published template cell by cell;</li>
 * <li>each RuleTable keeps its five header rows exactly: the RuleTable row, the CONDITION/ACTION row, the
 * object-type row, the code-template row, and the label row (locked too: the labels are what the diff and the
 * officers read as column names, and a relabelled column would silently change their meaning);</li>
 * <li>data rows stay inside the table's columns and end at the first blank row: anything below that, up to the
 * next RuleTable, would be read by Drools as RuleSet keywords, i.e. code;</li>
 * <li>a data cell is substituted into its column's template: where {@code $param} stands inside quotes the value
 * may not contain a quote or backslash; where it stands bare the value must be a number or true/false; a column
 * with no template (its cells would be code) and formulas are refused.</li>
 * </ul>
 * The catalog workbook's row 1 (the attribute keys the family's code reads) is locked, and its sheets stay the same.
 */
final class TemplateGuard {

    private static final Pattern PARAM = Pattern.compile("\\$(param|\\d+)");
    private static final Pattern LITERAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?|true|false");
    private static final Set<String> KEYWORDS = Set.of("ruletable", "ruleset", "import", "functions", "variables",
            "queries", "declare", "notes", "sequential", "sequentialmaxpriority", "sequentialminpriority",
            "escapequotes", "numericdisabled", "unit", "dialect");
    private static final int HEADER_ROWS = 5;

    private TemplateGuard() {
    }

    /** Every way an uploaded decision table departs from its published template; empty when only data changed. */
    static List<PolicyProblem> checkTable(String file, Grid published, Grid uploaded) {
        List<PolicyProblem> problems = new ArrayList<>();
        noFormulas(file, uploaded, problems);
        SheetGrid was = published.sheets().get(0);
        SheetGrid is = uploaded.sheets().get(0);
        if (!was.name().equals(is.name())) {
            problems.add(PolicyProblem.ofCell(file, is.name(), null, "第一个工作表须为已发布模板的 '" + was.name()
                    + "' (the first sheet, the one Drools compiles, must be the published '" + was.name() + "')"));
            return problems;
        }
        List<Integer> wasTables = was.ruleTableRows();
        List<Integer> isTables = is.ruleTableRows();
        int wasFirst = wasTables.isEmpty() ? was.lastRow() + 1 : wasTables.get(0);
        int isFirst = isTables.isEmpty() ? is.lastRow() + 1 : isTables.get(0);
        // The RuleSet area, row by row, aligned from the top.
        compareRows(file, was, 0, is, 0, Math.max(wasFirst, isFirst), "RuleSet 区域（规则集、导入、函数等）", problems);
        if (wasTables.size() != isTables.size()) {
            int extra = isTables.size() > wasTables.size() ? isTables.get(wasTables.size()) : -1;
            problems.add(PolicyProblem.ofCell(file, is.name(), extra >= 0 ? Grid.cell(extra, is.ruleTableColumn(extra)) : null,
                    "决策表数量须与已发布模板相同（" + wasTables.size() + " 个 RuleTable），实际 " + isTables.size()
                            + " 个 (RuleTables may not be added or removed)"));
            return problems;
        }
        for (int t = 0; t < isTables.size(); t++) {
            int wasRow = wasTables.get(t);
            int isRow = isTables.get(t);
            int before = problems.size();
            compareRows(file, was, wasRow, is, isRow, HEADER_ROWS, "决策表表头（RuleTable、列类型、对象、代码模板、列名）", problems);
            if (problems.size() > before) continue;
            int end = t + 1 < isTables.size() ? isTables.get(t + 1) : is.lastRow() + 1;
            checkData(file, is, isRow, end, problems);
        }
        return problems;
    }

    /** The catalog's keys (row 1 of each sheet) and its sheets are what the family's code reads: locked. */
    static List<PolicyProblem> checkCatalog(String file, Grid published, Grid uploaded) {
        List<PolicyProblem> problems = new ArrayList<>();
        noFormulas(file, uploaded, problems);
        List<String> wasNames = published.sheets().stream().map(SheetGrid::name).toList();
        List<String> isNames = uploaded.sheets().stream().map(SheetGrid::name).toList();
        if (!new TreeSet<>(wasNames).equals(new TreeSet<>(isNames))) {
            problems.add(PolicyProblem.ofFile(file, "代码目录的工作表须与已发布模板相同 " + wasNames + "，实际 " + isNames
                    + " (catalog sheets may not be added, removed or renamed)"));
            return problems;
        }
        for (SheetGrid was : published.sheets()) {
            SheetGrid is = uploaded.sheets().get(isNames.indexOf(was.name()));
            compareRows(file, was, 0, is, 0, 1, "代码目录第1行（属性键）", problems);
        }
        return problems;
    }

    private static void noFormulas(String file, Grid uploaded, List<PolicyProblem> problems) {
        for (SheetGrid sheet : uploaded.sheets()) {
            for (var row : sheet.rows().entrySet()) {
                for (var cell : row.getValue().entrySet()) {
                    if (cell.getValue().formula()) {
                        problems.add(PolicyProblem.ofCell(file, sheet.name(), Grid.cell(row.getKey(), cell.getKey()),
                                "不接受公式，请填写数值 (formulas are not accepted; enter the value): " + cell.getValue().text()));
                    }
                }
            }
        }
    }

    private static void compareRows(String file, SheetGrid was, int wasFrom, SheetGrid is, int isFrom, int count,
                                    String area, List<PolicyProblem> problems) {
        for (int r = 0; r < count; r++) {
            Set<Integer> columns = new TreeSet<>(was.row(wasFrom + r).keySet());
            columns.addAll(is.row(isFrom + r).keySet());
            for (int c : columns) {
                String expected = was.text(wasFrom + r, c);
                String actual = is.text(isFrom + r, c);
                if (!expected.equals(actual)) {
                    problems.add(PolicyProblem.ofCell(file, is.name(), Grid.cell(isFrom + r, c), area
                            + "不得修改：模板为 '" + expected + "'，上传为 '" + actual
                            + "' (header cells are code and must equal the published template)"));
                }
            }
        }
    }

    private static void checkData(String file, SheetGrid sheet, int tableRow, int end, List<PolicyProblem> problems) {
        Map<Integer, Value> types = sheet.row(tableRow + 1);
        Map<Integer, Value> templates = sheet.row(tableRow + 3);
        boolean ended = false;
        for (int r = tableRow + HEADER_ROWS; r < end; r++) {
            if (sheet.blank(r)) {
                ended = true;
                continue;
            }
            for (var cell : sheet.row(r).entrySet()) {
                int column = cell.getKey();
                Value value = cell.getValue();
                String at = Grid.cell(r, column);
                if (ended) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), at, "空行之后、下一个 RuleTable 之前不得有内容：空行结束决策表，"
                            + "其后的单元格会被当作规则集指令 (nothing may follow the blank row that ends a table)"));
                    continue;
                }
                Value type = types.get(column);
                if (type == null) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), at, "单元格在决策表各列之外 (cell outside the table's columns)"));
                    continue;
                }
                String firstWord = value.text().split("[\\s:]", 2)[0].toLowerCase(Locale.ROOT);
                if (KEYWORDS.contains(firstWord)) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), at, "数据单元格不得以决策表关键字开头 (a data cell may not "
                            + "start with a decision-table keyword): " + value.text()));
                    continue;
                }
                if (value.numeric()) continue;
                String kind = type.text().trim().toUpperCase(Locale.ROOT);
                Value template = templates.get(column);
                String reason = kind.equals("PRIORITY") ? literalList(value.text())
                        : template == null ? "该列没有代码模板，其单元格即代码，只能由管理员修改 (a column without a template takes code)"
                        : substitution(template.text(), value.text());
                if (reason != null) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), at, reason + ": " + value.text()));
                }
            }
        }
    }

    /** Why a value may not be substituted into a template, or null when it may. */
    static String substitution(String template, String value) {
        boolean bare = false;
        Matcher param = PARAM.matcher(template);
        while (param.find()) {
            if (!insideQuotes(template, param.start())) bare = true;
        }
        if (bare) return literalList(value);
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return "取值不得包含引号、反斜杠或换行 (a value may not contain quotes, backslashes or line breaks)";
        }
        return null;
    }

    private static String literalList(String value) {
        for (String part : value.split(",")) {
            if (!LITERAL.matcher(part.trim()).matches()) {
                return "此列只接受数值或 true/false (this column takes numbers or true/false only)";
            }
        }
        return null;
    }

    private static boolean insideQuotes(String template, int index) {
        boolean inside = false;
        for (int i = 0; i < index; i++) {
            char c = template.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') inside = !inside;
        }
        return inside;
    }
}
