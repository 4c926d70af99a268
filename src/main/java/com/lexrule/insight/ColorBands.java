package com.lexrule.insight;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.table.CellValue;
import com.lexrule.policy.table.ColumnSpec;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.TableTemplate;
import com.lexrule.problem.ProblemException;

/**
 * The arrest family's color bands as its threshold table holds them: found by the table's own templates (the
 * {@code ColorScore} columns the service owns: a lower bound, an upper bound, the color and the measure of each row),
 * never by a color name or a number written in Java. The top band's lower bound is the red threshold, the middle
 * band's the yellow one. Also the rows of the table that raise the thresholds (a minor's offset), whose decisions are
 * left out of calibration, and the draft workbook with new thresholds written into the published file's cells.
 */
record ColorBands(PolicyFile file, String sheet, List<Band> bands, Set<String> offsetRules) {

    static final String LOWER = "value >= $param";
    static final String UPPER = "value < $param";
    static final String COLOR = "c.setColor(\"$param\");";
    static final String MEASURE = "c.setMeasure(\"$param\");";
    static final String OFFSET = "ThresholdOffset";

    /** One band: its bounds (null: open), color, measure, rule id, and the zero-based row and columns of its bounds. */
    record Band(Integer lower, Integer upper, String color, String measure, String ruleId, int row, int lowerColumn,
                int upperColumn) {
    }

    static ColorBands of(PolicyBundle bundle) {
        Set<String> offsets = new LinkedHashSet<>();
        ColorBands found = null;
        for (PolicyFile file : bundle.files()) {
            if (!file.isSpreadsheet() || file.simpleName().equals(bundle.manifest().catalog())) continue;
            DecisionTable table = file.spreadsheet().decisionTable().table();
            if (table == null) continue;
            for (int t = 0; t < table.parts().size(); t++) {
                TableTemplate.Header header = table.template().tables().get(t);
                Integer lower = column(header, LOWER), upper = column(header, UPPER), color = column(header, COLOR),
                        measure = column(header, MEASURE), id = CoverageService.idColumn(header);
                boolean offsetTable = header.columns().values().stream()
                        .anyMatch(c -> c.template() != null && c.template().contains(OFFSET));
                if (offsetTable && id != null) {
                    table.parts().get(t).rows().forEach(r -> { if (r.cells().get(id) != null) offsets.add(r.cells().get(id).canonical()); });
                }
                if (lower == null || upper == null || color == null || measure == null || id == null) continue;
                List<Band> bands = new ArrayList<>();
                for (DecisionTable.DataRow row : table.parts().get(t).rows()) {
                    bands.add(new Band(number(row.cells().get(lower)), number(row.cells().get(upper)),
                            text(row.cells().get(color)), text(row.cells().get(measure)), text(row.cells().get(id)),
                            row.row(), lower, upper));
                }
                bands.sort(Comparator.comparing((Band b) -> b.lower() == null ? Integer.MIN_VALUE : b.lower()).reversed());
                found = new ColorBands(file, table.template().sheetName(), bands, offsets);
            }
        }
        if (found == null || found.bands().size() < 3) {
            throw new ProblemException(422, "no-color-bands", "政策没有三色码阈值表 (the policy has no color-band table)",
                    "校准需要一张按评分分出至少三个区间的阈值表 (calibration needs a table of at least three score bands)");
        }
        return new ColorBands(found.file(), found.sheet(), found.bands(), offsets);
    }

    int red() {
        return bands.get(0).lower();
    }

    int yellow() {
        return bands.get(1).lower();
    }

    Band top() { return bands.get(0); }
    Band middle() { return bands.get(1); }
    Band bottom() { return bands.get(bands.size() - 1); }

    /** The measure the bands give a threshold score under thresholds {@code red} and {@code yellow}. */
    String measure(int score, int red, int yellow) {
        if (score >= red) return top().measure();
        if (score >= yellow) return middle().measure();
        return bottom().measure();
    }

    boolean isBandRule(String ruleId) {
        return bands.stream().anyMatch(b -> b.ruleId().equals(ruleId));
    }

    /**
     * The published workbook with the red and yellow thresholds moved: the bounds where the top band starts and the
     * middle one ends, and where the middle band starts and the bottom one ends. Read and written in memory through a
     * stream; the published file itself is never re-saved.
     */
    byte[] withThresholds(int red, int yellow) {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(file.content()));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheet(sheet());
            set(sheet, top().row(), top().lowerColumn(), red);
            set(sheet, middle().row(), middle().upperColumn(), red);
            set(sheet, middle().row(), middle().lowerColumn(), yellow);
            set(sheet, bottom().row(), bottom().upperColumn(), yellow);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(Sheet sheet, int row, int column, int value) {
        Row r = sheet.getRow(row) == null ? sheet.createRow(row) : sheet.getRow(row);
        Cell cell = r.getCell(column) == null ? r.createCell(column) : r.getCell(column);
        cell.setCellValue(value);
    }

    private static Integer column(TableTemplate.Header header, String template) {
        for (ColumnSpec spec : header.columns().values()) {
            if (template.equals(spec.template())) return spec.column();
        }
        return null;
    }

    private static Integer number(CellValue value) {
        if (value instanceof CellValue.Number n) return n.value().intValue();
        if (value instanceof CellValue.Text t && !t.value().isBlank()) return new BigDecimal(t.value().trim()).intValue();
        return null;
    }

    private static String text(CellValue value) {
        return value == null ? null : value.canonical();
    }
}
