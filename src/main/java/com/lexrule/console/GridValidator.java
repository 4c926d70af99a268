package com.lexrule.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.apache.poi.ss.util.CellReference;

import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFamily;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.table.CellValue;
import com.lexrule.policy.table.ColumnSpec;
import com.lexrule.policy.table.DataOverlay;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.problem.NotFoundProblem;

/**
 * Checks the grid's edits as the officer types, with the checks the service already makes of an upload and a draft:
 * each value against its column's template ({@link DataOverlay}, the same reader as an upload), the family's checks
 * of the bundle that compilation cannot make (the statutory floors of {@link PolicyFamily#checkBundle}), and, for a
 * column whose published values are all codes of one catalog sheet, that a new value is a code of that sheet too.
 */
@ApplicationScoped
public class GridValidator {

    private final List<PolicyFamily> families;

    public GridValidator(@Any Instance<PolicyFamily> families) {
        this.families = families.stream().toList();
    }

    /** The edited table with the service-written workbook, or the problems at their cells. */
    public record Checked(DataOverlay.Result overlay, List<PolicyProblem> problems) {
    }

    public PolicyFile table(CompiledPolicy current, String simpleName) {
        String catalog = current.bundle().manifest().catalog();
        return current.bundle().files().stream()
                .filter(f -> f.isSpreadsheet() && f.simpleName().equals(simpleName) && !f.simpleName().equals(catalog))
                .findFirst()
                .orElseThrow(() -> new NotFoundProblem("现行版本中没有决策表 " + simpleName + " (no such decision table in the version in force)"));
    }

    public Checked check(CompiledPolicy current, PolicyFile published, Map<String, String> edits) {
        DataOverlay.Result overlay = DataOverlay.apply(published.name(), published.spreadsheet(), edits);
        if (!overlay.accepted()) return new Checked(overlay, overlay.problems());
        List<PolicyProblem> problems = new ArrayList<>(catalogCodes(published, overlay.table(), current.catalog(), edits));
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile file : current.bundle().files()) {
            files.add(file.name().equals(published.name()) ? new PolicyFile(file.name(), overlay.workbook()) : file);
        }
        PolicyBundle bundle = new PolicyBundle(current.family(), files);
        for (PolicyFamily family : families) {
            if (family.name().equals(current.family())) problems.addAll(family.checkBundle(bundle, current.catalog()));
        }
        return new Checked(overlay, problems);
    }

    /**
     * A text column whose every published value is a code of one catalog sheet holds codes of that sheet: an edited
     * value that the sheet does not know would make a row that never matches a case.
     */
    private static List<PolicyProblem> catalogCodes(PolicyFile published, DecisionTable edited, PolicyCatalog catalog,
                                                    Map<String, String> edits) {
        DecisionTable original = published.spreadsheet().decisionTable().table();
        String sheet = original.template().sheetName();
        List<PolicyProblem> problems = new ArrayList<>();
        for (String name : edits.keySet()) {
            CellReference at = new CellReference(name);
            ColumnSpec column = DataOverlay.column(published.spreadsheet(), at.getRow(), at.getCol());
            if (column == null || column.valueKind() != ColumnSpec.ValueKind.TEXT) continue;
            List<String> codes = codeSheets(original, at.getRow(), at.getCol(), catalog);
            String value = valueAt(edited, at.getRow(), at.getCol());
            if (codes.isEmpty() || value == null) continue;
            if (codes.stream().noneMatch(s -> catalog.entry(s, value).isPresent())) {
                String known = codes.stream().flatMap(s -> catalog.entries(s).values().stream()).limit(8)
                        .map(e -> e.code() + "（" + e.label() + "）").collect(Collectors.joining("、"));
                problems.add(PolicyProblem.ofCell(published.name(), sheet, at.formatAsString(),
                        "代码目录 " + codes + " 中没有代码 " + value + "；「" + column.label() + "」列只能填写这些目录中的代码，例如："
                                + known + " 等 (not a code of catalog " + codes + ")"));
            }
        }
        return problems;
    }

    /**
     * The catalog sheets a cell's column (in the cell's RuleTable) holds codes of: those that know one of its published
     * values, provided every published value is known to one of them (a column of free text matches none).
     */
    static List<String> codeSheets(DecisionTable table, int row, int column, PolicyCatalog catalog) {
        DecisionTable.Part part = null;
        for (DecisionTable.Part p : table.parts()) {
            if (p.headerRow() < row) part = p;
        }
        if (part == null) return List.of();
        List<String> values = part.rows().stream().map(r -> r.cells().get(column)).filter(v -> v != null)
                .map(CellValue::canonical).distinct().toList();
        if (values.isEmpty()) return List.of();
        List<String> sheets = catalog.all().entrySet().stream()
                .filter(s -> values.stream().anyMatch(s.getValue()::containsKey)).map(Map.Entry::getKey).toList();
        boolean allKnown = values.stream().allMatch(v -> sheets.stream().anyMatch(s -> catalog.entry(s, v).isPresent()));
        return allKnown ? sheets : List.of();
    }

    private static String valueAt(DecisionTable table, int row, int column) {
        for (DecisionTable.Part part : table.parts()) {
            for (DecisionTable.DataRow r : part.rows()) {
                if (r.row() == row) {
                    CellValue v = r.cells().get(column);
                    return v == null ? null : v.canonical();
                }
            }
        }
        return null;
    }
}
