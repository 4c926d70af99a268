package com.lexrule.policy.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import com.lexrule.policy.table.PolicyProblem;
import com.lexrule.policy.table.CellValue;
import com.lexrule.policy.table.SheetCells;

/**
 * A catalog upload: its sheets and row 1 (the attribute keys the family's code reads) are locked to the published
 * catalog, and what is stored is a workbook written afresh from the typed values of its cells.
 */
final class CatalogWorkbook {

    private CatalogWorkbook() {
    }

    static List<PolicyProblem> check(String file, List<SheetCells> was, List<SheetCells> is) {
        List<PolicyProblem> problems = new ArrayList<>();
        for (SheetCells sheet : is) {
            sheet.refused().forEach((cell, reason) -> problems.add(PolicyProblem.ofCell(file, sheet.name(), cell, reason)));
        }
        List<String> wasNames = was.stream().map(SheetCells::name).toList();
        List<String> isNames = is.stream().map(SheetCells::name).toList();
        if (!new TreeSet<>(wasNames).equals(new TreeSet<>(isNames))) {
            problems.add(PolicyProblem.ofFile(file, "代码目录的工作表须与已发布模板相同 " + wasNames + "，实际 " + isNames
                    + " (catalog sheets may not be added, removed or renamed)"));
            return problems;
        }
        for (SheetCells keys : was) {
            SheetCells sheet = is.get(isNames.indexOf(keys.name()));
            Set<Integer> columns = new TreeSet<>(keys.row(0).keySet());
            columns.addAll(sheet.row(0).keySet());
            for (int c : columns) {
                if (!keys.text(0, c).equals(sheet.text(0, c))) {
                    problems.add(PolicyProblem.ofCell(file, sheet.name(), 0, c, "代码目录第1行（属性键）不得修改：模板为 '"
                            + keys.text(0, c) + "'，上传为 '" + sheet.text(0, c) + "' (row 1 holds the keys the service reads)"));
                }
            }
        }
        return problems;
    }

    /** The catalog as the service stores it: each sheet's typed values, nothing else of the upload. */
    static byte[] write(List<SheetCells> uploaded) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (SheetCells cells : uploaded) {
                Sheet sheet = workbook.createSheet(cells.name());
                cells.rows().forEach((r, values) -> {
                    Row row = sheet.createRow(r);
                    values.forEach((c, value) -> {
                        var cell = row.createCell(c);
                        if (value instanceof CellValue.Number n) cell.setCellValue(n.value().doubleValue());
                        else if (value instanceof CellValue.Bool b) cell.setCellValue(b.value());
                        else cell.setCellValue(value.canonical());
                    });
                });
                for (int c = 0; c <= 6; c++) sheet.setColumnWidth(c, cells.columnWidths().get(c));
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<SheetCells> sheets(Workbook workbook) {
        List<SheetCells> sheets = new ArrayList<>();
        for (Sheet sheet : workbook) sheets.add(SheetCells.read(sheet));
        return sheets;
    }
}
