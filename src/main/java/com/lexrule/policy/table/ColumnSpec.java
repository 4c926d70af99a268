package com.lexrule.policy.table;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One column of a decision table as its published template defines it: the column type, the code template the
 * service owns, the label officers read, and from the template the kind of value its data cells may hold.
 */
public record ColumnSpec(int column, String kind, String template, String label, ValueKind valueKind) {

    /** What a data cell of a column may hold, decided by where {@code $param} stands in the column's template. */
    public enum ValueKind {
        /** {@code $param} stands bare in code: a number or true/false. */
        NUMBER,
        /** Several bare parameters ({@code $1, $2}): numbers separated by commas. */
        NUMBER_LIST,
        /** {@code $param} names a member ({@code RoundingMode.$param}): a Java identifier, letters, digits, underscores. */
        NAME,
        /** A PRIORITY column: a whole number, the rule's salience. */
        PRIORITY,
        /** {@code $param} stands inside a string literal: a single-line text that cannot close the literal. */
        TEXT,
        /** The template takes no value: a filled cell switches the column's code on for the row. */
        FLAG,
        /** No template: the cell itself would be code, which officers may not write. */
        CODE
    }

    private static final Pattern PARAM = Pattern.compile("\\$(param|\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d{1,15}(\\.\\d{1,10})?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final BigDecimal LARGEST = new BigDecimal("1e15");
    private static final int LONGEST_TEXT = 2000;
    /** Words that make Drools read a cell as a directive of the rule set instead of a value. */
    private static final Set<String> KEYWORDS = Set.of("ruletable", "ruleset", "import", "functions", "variables",
            "queries", "declare", "notes", "sequential", "sequentialmaxpriority", "sequentialminpriority",
            "escapequotes", "numericdisabled", "ignorenumericformat", "unit", "dialect");

    static ColumnSpec of(int column, String kind, String template, String label) {
        String upper = kind.trim().toUpperCase(Locale.ROOT);
        return new ColumnSpec(column, upper, template, label, valueKind(upper, template));
    }

    private static ValueKind valueKind(String kind, String template) {
        if (kind.equals("PRIORITY")) return ValueKind.PRIORITY;
        if (template == null || template.isBlank()) return ValueKind.CODE;
        boolean bare = false;
        boolean quoted = false;
        boolean indexed = false;
        boolean member = false;
        Matcher param = PARAM.matcher(template);
        while (param.find()) {
            if (!param.group(1).equals("param")) indexed = true;
            if (insideQuotes(template, param.start())) quoted = true;
            else if (param.start() > 0 && template.charAt(param.start() - 1) == '.') member = true;
            else bare = true;
        }
        if (!bare && !quoted && !member) return ValueKind.FLAG;
        if (member && !bare && !quoted) return ValueKind.NAME;
        if (bare) return indexed ? ValueKind.NUMBER_LIST : ValueKind.NUMBER;
        return ValueKind.TEXT;
    }

    /**
     * The value a data cell holds, checked against this column's kind; the reason it is refused otherwise. The
     * checked value is the only thing of the cell that the generated rule source will contain.
     */
    CellValue accept(CellValue value) throws CellValue.Refused {
        switch (valueKind) {
            case CODE -> throw new CellValue.Refused("该列没有代码模板，其单元格即代码，只能由管理员修改 (a column without a template takes code)");
            case PRIORITY -> {
                CellValue number = number(value);
                if (!(number instanceof CellValue.Number n) || n.value().stripTrailingZeros().scale() > 0
                        || n.value().abs().compareTo(BigDecimal.valueOf(100_000)) > 0) {
                    throw new CellValue.Refused("优先级须为整数 (a priority is a whole number between -100000 and 100000)");
                }
                return number;
            }
            case NUMBER -> {
                return number(value);
            }
            case NAME -> {
                if (!(value instanceof CellValue.Text text) || !IDENTIFIER.matcher(text.value()).matches()) {
                    throw new CellValue.Refused("此列只接受代码名称（字母、数字、下划线） (this column takes a name: letters, digits, underscores)");
                }
                return value;
            }
            case NUMBER_LIST -> {
                if (!(value instanceof CellValue.Text text)) return number(value);
                StringBuilder list = new StringBuilder();
                for (String part : text.value().split(",", -1)) {
                    if (!list.isEmpty()) list.append(", ");
                    list.append(number(new CellValue.Text(part.strip())).canonical());
                }
                return new CellValue.Text(list.toString());
            }
            default -> {
                return text(value);
            }
        }
    }

    private static CellValue number(CellValue value) throws CellValue.Refused {
        CellValue result = value;
        if (value instanceof CellValue.Text text) {
            String t = text.value().strip();
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return new CellValue.Bool(Boolean.parseBoolean(t.toLowerCase(Locale.ROOT)));
            }
            if (!DECIMAL.matcher(t).matches()) {
                throw new CellValue.Refused("此列只接受数值或 true/false (this column takes numbers or true/false only)");
            }
            result = new CellValue.Number(new BigDecimal(t));
        }
        if (result instanceof CellValue.Number n && n.value().abs().compareTo(LARGEST) >= 0) {
            throw new CellValue.Refused("数值超出范围 (numbers are limited to 15 digits)");
        }
        return result;
    }

    private static CellValue text(CellValue value) throws CellValue.Refused {
        if (!(value instanceof CellValue.Text text)) return value;
        String t = text.value();
        if (t.length() > LONGEST_TEXT) {
            throw new CellValue.Refused("文字不得超过 " + LONGEST_TEXT + " 个字符 (text is limited to " + LONGEST_TEXT + " characters)");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"' || c == '\\') {
                throw new CellValue.Refused("取值不得包含英文引号或反斜杠，引用请用中文引号“” (a value may not contain ASCII quotes or backslashes)");
            }
            if (Character.isISOControl(c) || isFormatControl(c) || Character.isSurrogate(c) && !validPair(t, i)) {
                throw new CellValue.Refused("取值不得包含换行、控制字符或双向文字控制符 (a value may not contain line breaks, control or bidi characters) at "
                        + (i + 1));
            }
            if (Character.isHighSurrogate(c)) i++;
        }
        String firstWord = t.split("[\\s:]", 2)[0].toLowerCase(Locale.ROOT);
        if (KEYWORDS.contains(firstWord)) {
            throw new CellValue.Refused("数据单元格不得以决策表关键字开头 (a data cell may not start with a decision-table keyword)");
        }
        return value;
    }

    private static boolean isFormatControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
                || c == '\uFFFE' || c == '\uFFFF';
    }

    private static boolean validPair(String t, int i) {
        return Character.isHighSurrogate(t.charAt(i)) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1));
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

    static boolean isKeyword(String text) {
        return KEYWORDS.contains(text.split("[\\s:]", 2)[0].toLowerCase(Locale.ROOT));
    }
}
