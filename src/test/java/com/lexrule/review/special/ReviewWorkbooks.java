package com.lexrule.review.special;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Large arrest reviews written with POI's streaming writer (SXSSF), so a test can build a workbook of hundreds of
 * thousands of rows without holding it. Row 1 names the columns by field; every case is valid; the column 备注
 * (an officer's notes, which the form ignores) is filled with random letters when a test needs bytes, not rows.
 */
public final class ReviewWorkbooks {

    private static final String[] CRIMES = {"THEFT", "FRAUD", "INTENTIONAL_INJURY", "ROBBERY", "PICKING_QUARRELS"};
    private static final String[] SENTENCES = {"CRIMINAL_DETENTION", "UP_TO_3_YEARS", "3_TO_10_YEARS", "10_YEARS_OR_MORE"};
    private static final String[] INDICATORS = {"FLIGHT_HISTORY", "THREATENED_VICTIM_OR_INFORMANT", "NO_FIXED_RESIDENCE", ""};
    private static final String[] MITIGATIONS = {"PLEADED_GUILTY", "FIRST_OFFENCE", ""};
    private static final String[] MEASURES = {"ARREST", "BAIL", "RESIDENTIAL_SURVEILLANCE"};
    private static final String[] COLUMNS = {"caseId", "subjectId", "stage", "crimeType", "evidenceOfCrime", "expectedSentence",
            "priorIntentionalCrime", "identityUnknown", "age", "dangerIndicators", "mitigations", "violatedBailConditions",
            "recognised", "备注"};
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ReviewWorkbooks() {
    }

    /** A heading row and {@code rows} rows of a case id only: the most rows in the fewest bytes. */
    public static byte[] caseIds(int rows) {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(ReviewTemplate.CASES_SHEET);
            sheet.createRow(0).createCell(0).setCellValue("caseId");
            for (int r = 1; r <= rows; r++) {
                sheet.createRow(r).createCell(0).setCellValue(r);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            wb.dispose();
        }
    }

    /** {@code rows} arrest cases below one heading row, each with {@code noteChars} random letters in 备注. */
    public static byte[] arrest(int rows, int noteChars) {
        Random random = new Random(rows * 31L + noteChars);
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(ReviewTemplate.CASES_SHEET);
            Row heading = sheet.createRow(0);
            for (int c = 0; c < COLUMNS.length; c++) {
                heading.createCell(c).setCellValue(COLUMNS[c]);
            }
            char[] note = new char[noteChars];
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("BIG-" + r);
                row.createCell(1).setCellValue("S-" + r);
                row.createCell(2).setCellValue("ARREST_REVIEW");
                row.createCell(3).setCellValue(CRIMES[random.nextInt(CRIMES.length)]);
                row.createCell(4).setCellValue("是");
                row.createCell(5).setCellValue(SENTENCES[random.nextInt(SENTENCES.length)]);
                row.createCell(6).setCellValue("否");
                row.createCell(7).setCellValue("否");
                row.createCell(8).setCellValue(18 + random.nextInt(50));
                row.createCell(9).setCellValue(INDICATORS[random.nextInt(INDICATORS.length)]);
                row.createCell(10).setCellValue(MITIGATIONS[random.nextInt(MITIGATIONS.length)]);
                row.createCell(11).setCellValue("否");
                row.createCell(12).setCellValue(MEASURES[random.nextInt(MEASURES.length)]);
                if (noteChars > 0) {
                    for (int i = 0; i < noteChars; i++) {
                        note[i] = LETTERS.charAt(random.nextInt(LETTERS.length()));
                    }
                    row.createCell(13).setCellValue(new String(note));
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            wb.dispose();
        }
    }
}
