package com.lexrule.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import com.lexrule.arrest.ArrestFamily;
import com.lexrule.policy.BaselineReader;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyBundle;
import com.lexrule.policy.PolicyCompiler;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyVersion;

/**
 * How long a policy with a 1,000-row points table takes to compile: what a replica spends, off the request path,
 * before it serves a newly published version, and what an officer waits for when a draft is validated. Timed
 * single shots (one cold, then warm), not JMH: compile is seconds, not nanoseconds. The table is the published
 * template with its data rows replaced by 1,000 generated rows (synthetic values; the bench needs volume, not law).
 * Run from the project root (writes the generated table to a temp file):
 * <pre>
 * mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cp.txt
 * java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
 *      -cp target/test-classes:target/classes:$(cat target/cp.txt) com.lexrule.bench.LargeTableCompileBench 5
 * </pre>
 */
public final class LargeTableCompileBench {

    static final int ROWS = 1000;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        PolicyBundle baseline = new BaselineReader(Path.of("rules"), Path.of("decision-tables")).read(ArrestFamily.NAME);
        PolicyFile points = baseline.file("decision-tables/danger-points.xlsx").orElseThrow();
        byte[] large = generate(points.content());
        Path temp = Files.createTempFile("danger-points-1000-", ".xlsx");
        Files.write(temp, large);
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile f : baseline.files()) {
            files.add(f.name().equals(points.name()) ? new PolicyFile(f.name(), Files.readAllBytes(temp)) : f);
        }
        PolicyBundle bundle = new PolicyBundle(ArrestFamily.NAME, files);
        PolicyCompiler compiler = new PolicyCompiler(List.of(new ArrestFamily()));
        PolicyVersion version = new PolicyVersion(ArrestFamily.NAME, 0, bundle.sha256(), bundle.manifest().effectiveFrom(), null, "bench", null);
        System.out.printf("table %s: %d data rows, %d bytes%n", temp, ROWS, large.length);
        for (int i = 0; i < runs; i++) {
            long translateStart = System.nanoTime();
            new org.drools.decisiontable.SpreadsheetCompiler().compile(new ByteArrayInputStream(large),
                    org.drools.decisiontable.InputType.XLS);
            System.out.printf("run %d: spreadsheet to DRL alone %d ms%n", i + 1, (System.nanoTime() - translateStart) / 1_000_000);
            long start = System.nanoTime();
            CompiledPolicy compiled = compiler.compile(version, bundle);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("run %d (%s): compiled in %d ms, rules per file %s%n", i + 1, i == 0 ? "cold" : "warm", ms,
                    compiled.rulesPerFile());
        }
    }

    /** The template's header rows as published, then ROWS data rows cycling over its own factor rows. */
    static byte[] generate(byte[] template) throws Exception {
        try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(template));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheetAt(0);
            int firstData = 9; // zero-based row 10: the first data row under the label row (row 9)
            List<String[]> factors = new ArrayList<>();
            for (int r = firstData; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || row.getCell(1) == null) continue;
                factors.add(new String[] {row.getCell(1).getStringCellValue(), row.getCell(6).getStringCellValue(),
                        row.getCell(7).getStringCellValue()});
            }
            for (int r = sheet.getLastRowNum(); r >= firstData; r--) {
                Row row = sheet.getRow(r);
                if (row != null) sheet.removeRow(row);
            }
            for (int i = 0; i < ROWS; i++) {
                String[] factor = factors.get(i % factors.size());
                Row row = sheet.createRow(firstData + i);
                row.createCell(1).setCellValue(factor[0]);
                row.createCell(2).setCellValue("CRIME_" + (i / factors.size()));
                row.createCell(3).setCellValue(10);
                row.createCell(4).setCellValue(5 + (i % 8) * 5);
                row.createCell(5).setCellValue("ARR-SCORE-" + factor[0] + "-" + i);
                row.createCell(6).setCellValue(factor[1]);
                row.createCell(7).setCellValue(factor[2]);
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
