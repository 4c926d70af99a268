package com.lexrule.policy.table;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;


/**
 * A spreadsheet of a policy, read once: the stored values of every sheet, and its first sheet (the one Drools
 * compiles) as a {@link DecisionTable} read against its own header. The compile, the bail checks, the diff and the
 * template guard of an upload all read this one model, kept with the file it was read from. POI's zip-bomb
 * protections ({@code ZipSecureFile}) stay at their defaults: a workbook that inflates suspiciously is unreadable.
 */
public final class Spreadsheet {

    private static final Set<String> COLUMN_TYPES = Set.of("CONDITION", "ACTION", "METADATA", "PRIORITY");

    private final String file;
    private final List<SheetCells> sheets;
    private final String unreadable;
    private volatile TableReader.Result table;

    private Spreadsheet(String file, List<SheetCells> sheets, String unreadable) {
        this.file = file;
        this.sheets = sheets;
        this.unreadable = unreadable;
    }

    public static Spreadsheet read(String file, byte[] xlsx) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            List<SheetCells> sheets = new ArrayList<>();
            for (Sheet sheet : workbook) sheets.add(SheetCells.read(sheet));
            if (sheets.isEmpty()) return new Spreadsheet(file, List.of(), "工作簿没有工作表 (the workbook has no sheet)");
            return new Spreadsheet(file, List.copyOf(sheets), null);
        } catch (IOException | RuntimeException e) {
            return new Spreadsheet(file, List.of(), String.valueOf(e.getMessage()));
        }
    }

    /** Why the bytes are not a readable workbook (including one refused as a zip bomb), if they are not. */
    public Optional<String> unreadable() {
        return Optional.ofNullable(unreadable);
    }

    /** Every sheet's stored values, in workbook order; none for an unreadable file. */
    public List<SheetCells> sheets() {
        return sheets;
    }

    /**
     * The first sheet as a decision table, read against its own header (a published version or the baseline on
     * disk supplies its template), or every problem that keeps it from being one, each by sheet and cell.
     */
    public TableReader.Result decisionTable() {
        TableReader.Result read = table;
        if (read == null) {
            synchronized (this) {
                read = table;
                if (read == null) table = read = readTable();
            }
        }
        return read;
    }

    /** The table as a published template, for checking an upload against: a published table always reads. */
    public TableTemplate template() {
        TableReader.Result read = decisionTable();
        if (read.table() == null) {
            throw new IllegalStateException("published table " + file + " does not read: " + read.problems());
        }
        return read.table().template();
    }

    private TableReader.Result readTable() {
        if (unreadable != null) {
            return refused(PolicyProblem.ofFile(file, "无法读取电子表格 (not a readable .xlsx workbook): " + unreadable));
        }
        SheetCells sheet = sheets.get(0);
        List<PolicyProblem> orphans = orphanHeaders(sheet);
        if (!orphans.isEmpty()) return new TableReader.Result(null, orphans);
        TableTemplate template;
        try {
            template = TableTemplate.of(sheet);
        } catch (IllegalStateException e) {
            return refused(PolicyProblem.ofCell(file, sheet.name(), null, "决策表表头无效 (decision table header): " + e.getMessage()));
        }
        return TableReader.read(file, sheet, template);
    }

    /**
     * A CONDITION/ACTION header row must sit right under a "RuleTable" cell. Without it Drools reads the table as
     * loose properties and drops its rules without a word, so that is refused here.
     */
    private List<PolicyProblem> orphanHeaders(SheetCells sheet) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (Map.Entry<Integer, NavigableMap<Integer, CellValue>> row : sheet.rows().entrySet()) {
            for (Map.Entry<Integer, CellValue> cell : row.getValue().entrySet()) {
                if (!COLUMN_TYPES.contains(cell.getValue().canonical().trim().toUpperCase(Locale.ROOT))) continue;
                boolean underRuleTable = sheet.row(row.getKey() - 1).headMap(cell.getKey(), true).values().stream()
                        .anyMatch(SheetCells::startsTable);
                if (!underRuleTable) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), row.getKey(), cell.getKey(),
                            "列类型行上方缺少 RuleTable 标记，该表的规则会被忽略 (header row without a RuleTable cell above it)"));
                }
                break;
            }
        }
        return problems;
    }

    private static TableReader.Result refused(PolicyProblem problem) {
        return new TableReader.Result(null, List.of(problem));
    }
}
