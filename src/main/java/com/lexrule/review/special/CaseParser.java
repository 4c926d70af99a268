package com.lexrule.review.special;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.problem.ProblemException;

/**
 * Turns uploaded rows into assessment requests of one review form, checking each cell against the deciding policy's
 * catalog: a code may be given as the code, its Chinese label, or "label (CODE)"; yes/no as 是/否, TRUE/FALSE, Y/N
 * or 1/0; list fields as codes separated by commas, semicolons or 、. Every problem is reported by row and column,
 * and the other rows are read on.
 */
final class CaseParser {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern LABEL_AND_CODE = Pattern.compile(".*[(（]\\s*([A-Za-z0-9_]+)\\s*[)）]\\s*$");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;，；、\\n]+");
    private static final int MAX_LISTED_CODES = 40;

    private final ReviewForm form;
    private final PolicyCatalog catalog;

    CaseParser(ReviewForm form, PolicyCatalog catalog) {
        this.form = form;
        this.catalog = catalog;
    }

    /** The codes a column accepts, with their labels: the catalog sheet of the deciding policy, or the request's enumeration. */
    Map<String, String> codesOf(ReviewColumn column) {
        if (column.catalog() == null) {
            return column.values();
        }
        Map<String, String> codes = new LinkedHashMap<>();
        catalog.entries(column.catalog()).values().forEach(e -> codes.put(e.code(), e.label()));
        return codes;
    }

    // ------------------------------------------------------------------------------------------ spreadsheets

    /**
     * Reads a sheet whose first one or two non-blank rows are headings: the template's Chinese heading row and its
     * row of field names, or either alone, or headings written "中文 (field)". Columns the form does not know are
     * ignored; a required column that is missing refuses the whole upload (nothing could be read from any row).
     */
    List<ParsedCase> parse(RawTable table) {
        List<RawTable.RawRow> rows = table.rows();
        Map<String, Integer> index = new LinkedHashMap<>();
        int headerRows = 0;
        for (int h = 0; h < Math.min(2, rows.size()); h++) {
            Map<String, Integer> found = new LinkedHashMap<>();
            for (Map.Entry<Integer, String> cell : rows.get(h).cells().entrySet()) {
                resolveHeading(cell.getValue()).ifPresent(key -> found.putIfAbsent(key, cell.getKey()));
            }
            if (found.isEmpty()) {
                break;
            }
            found.forEach(index::putIfAbsent);
            headerRows = h + 1;
        }
        List<String> missing = form.allColumns().stream().filter(c -> c.required() && !index.containsKey(c.key()))
                .map(c -> c.label() + " (" + c.key() + ")").toList();
        if (headerRows == 0 || !missing.isEmpty()) {
            throw new ProblemException(422, "review-columns-missing", "缺少必需的列 (required columns missing)",
                    (headerRows == 0 ? "前两行没有可识别的表头；请使用评查模板 (no recognisable heading in the first two rows; use the template). " : "")
                            + "缺少: " + String.join(", ", missing), missing.stream().map(m -> Map.of("column", m)).toList(), null);
        }
        List<ParsedCase> cases = new ArrayList<>();
        for (RawTable.RawRow row : rows.subList(headerRows, rows.size())) {
            boolean blank = index.values().stream().allMatch(c -> row.cell(c).isBlank());
            if (blank) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> cells = new HashMap<>();
            index.forEach((key, column) -> {
                values.put(key, row.cell(column));
                cells.put(key, new CellReference(row.number() - 1, column).formatAsString());
            });
            cases.add(read(row.number(), values, cells, index));
        }
        return cases;
    }

    private Optional<String> resolveHeading(String text) {
        String heading = text.replace("*", "").strip();
        Matcher m = LABEL_AND_CODE.matcher(heading);
        String inParens = m.matches() ? m.group(1) : null;
        for (ReviewColumn column : form.allColumns()) {
            if (column.key().equalsIgnoreCase(heading) || column.label().equals(heading) || column.key().equals(inParens)) {
                return Optional.of(column.key());
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------------------------------ JSON

    /** One case of a JSON submission: field names as in the assessment request, plus {@code recognised}. */
    ParsedCase parse(int position, JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        List<RowError> extra = new ArrayList<>();
        if (!node.isObject()) {
            extra.add(new RowError(position, null, null, null, abbreviate(node.toString()), "每个案件须为 JSON 对象 (each case must be an object)"));
        } else {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<ReviewColumn> column = form.column(field.getKey());
                if (column.isEmpty()) {
                    extra.add(new RowError(position, field.getKey(), null, null, abbreviate(field.getValue().toString()),
                            "未知字段 (unknown field)；可用字段: " + form.allColumns().stream().map(ReviewColumn::key).toList()));
                    continue;
                }
                JsonNode value = field.getValue();
                String text;
                if (value.isNull()) {
                    text = "";
                } else if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(v -> items.add(v.asText()));
                    text = String.join(",", items);
                } else if (value.isContainerNode()) {
                    text = value.toString();
                } else {
                    text = value.asText();
                }
                values.put(field.getKey(), text);
            }
        }
        ParsedCase parsed = read(position, values, Map.of(), Map.of());
        if (extra.isEmpty()) {
            return parsed;
        }
        List<RowError> errors = new ArrayList<>(extra);
        errors.addAll(parsed.errors());
        return new ParsedCase(position, parsed.caseId(), parsed.subjectId(), parsed.crimeType(), parsed.recognised(), null,
                List.copyOf(errors), parsed.columnIndex());
    }

    // ------------------------------------------------------------------------------------------ cells

    private ParsedCase read(int row, Map<String, String> values, Map<String, String> cells, Map<String, Integer> index) {
        ObjectNode request = NODES.objectNode();
        List<RowError> errors = new ArrayList<>();
        String recognised = null;
        for (ReviewColumn column : form.allColumns()) {
            String text = values.getOrDefault(column.key(), "").strip();
            String cell = cells.get(column.key());
            if (text.isEmpty()) {
                if (column.required()) {
                    errors.add(new RowError(row, column.key(), column.label(), cell, null, "缺少必填值 (missing required value)"));
                }
                continue;
            }
            JsonNode value;
            try {
                value = convert(column, column == form.recognised() ? recognisedText(text) : text);
            } catch (CellProblem e) {
                errors.add(new RowError(row, column.key(), column.label(), cell, abbreviate(e.value), e.getMessage()));
                continue;
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(row, column.key(), column.label(), cell, abbreviate(text), e.getMessage()));
                continue;
            }
            if (column == form.recognised()) {
                recognised = value.asText();
            } else if (column.inRequest()) {
                request.set(column.key(), value);
            }
        }
        String crime = values.getOrDefault("crimeType", "").strip();
        if (crime.length() > 64 && errors.stream().noneMatch(e -> "crimeType".equals(e.column()))) {
            errors.add(new RowError(row, "crimeType", form.column("crimeType").map(ReviewColumn::label).orElse(null),
                    cells.get("crimeType"), abbreviate(crime), "超过64个字符 (longer than 64 characters)"));
        }
        JsonNode crimeCode = request.get("crimeType");
        return new ParsedCase(row, text(values.get("caseId"), 128), text(values.get("subjectId"), 128),
                crimeCode != null ? crimeCode.asText() : text(crime, 64), recognised,
                errors.isEmpty() ? request : null, List.copyOf(errors), Map.copyOf(index));
    }

    /** The compensation form's recognised value may also be a plain yes/no (适用 or not). */
    private String recognisedText(String text) {
        if (form.recognisedValues().containsKey("ELIGIBLE")) {
            Boolean yes = bool(text);
            if (yes != null) {
                return yes ? "ELIGIBLE" : "NOT_ELIGIBLE";
            }
        }
        return text;
    }

    private JsonNode convert(ReviewColumn column, String text) {
        return switch (column.type()) {
            case TEXT -> NODES.textNode(text);
            case CODE -> NODES.textNode(code(column, text));
            case CODES -> {
                ArrayNode list = NODES.arrayNode();
                List<String> unknown = new ArrayList<>();
                String reason = null;
                for (String item : LIST_SEPARATOR.split(text)) {
                    if (item.isBlank()) continue;
                    try {
                        list.add(code(column, item.strip()));
                    } catch (IllegalArgumentException e) {
                        unknown.add(item.strip());
                        reason = e.getMessage();
                    }
                }
                if (!unknown.isEmpty()) {
                    // name the item that is wrong, not the whole cell
                    throw new CellProblem(String.join(", ", unknown), reason);
                }
                yield list;
            }
            case BOOLEAN -> {
                Boolean value = bool(text);
                if (value == null) {
                    throw new IllegalArgumentException("不是有效的是/否值，应为 是、否、TRUE 或 FALSE (invalid boolean)");
                }
                yield NODES.booleanNode(value);
            }
            case INTEGER -> {
                try {
                    yield NODES.numberNode(new BigDecimal(text.replace(",", "")).intValueExact());
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new IllegalArgumentException("不是整数 (not an integer)");
                }
            }
            case DECIMAL -> {
                try {
                    yield NODES.numberNode(new BigDecimal(text.replace(",", "").replace("，", "").replaceAll("元$", "").strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("不是数字 (not a number)");
                }
            }
        };
    }

    private String code(ReviewColumn column, String text) {
        Map<String, String> codes = column == form.recognised() ? column.values() : codesOf(column);
        String upper = text.toUpperCase(Locale.ROOT);
        if (codes.containsKey(upper)) {
            return upper;
        }
        for (Map.Entry<String, String> entry : codes.entrySet()) {
            if (entry.getValue().equals(text)) {
                return entry.getKey();
            }
        }
        Matcher m = LABEL_AND_CODE.matcher(text);
        if (m.matches() && codes.containsKey(m.group(1).toUpperCase(Locale.ROOT))) {
            return m.group(1).toUpperCase(Locale.ROOT);
        }
        List<String> known = codes.keySet().stream().limit(MAX_LISTED_CODES).toList();
        throw new IllegalArgumentException("未知代码 (unknown code)"
                + (column.catalog() != null ? "，不在所适用政策的代码目录 " + column.catalog() + " 中" : "")
                + "；可用代码: " + String.join(", ", known) + (codes.size() > known.size() ? " …" : ""));
    }

    /** A cell of which only a part is wrong (one code of a list): {@code value} is that part. */
    static final class CellProblem extends IllegalArgumentException {
        final String value;

        CellProblem(String value, String reason) {
            super(reason);
            this.value = value;
        }
    }

    static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "是", "true", "yes", "y", "1", "适用" -> Boolean.TRUE;
            case "否", "false", "no", "n", "0", "不适用" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String text(String value, int max) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }

    static String abbreviate(String value) {
        return value == null || value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }
}
