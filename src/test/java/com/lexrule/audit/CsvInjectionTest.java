package com.lexrule.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No cell of the export starts with what a spreadsheet would read as the start of a formula (OWASP CSV injection). */
class CsvInjectionTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "\tcmd", "\rcmd"})
    void aCellStartingLikeAFormulaIsPrefixedWithAQuote(String value) {
        String cell = Csv.cell(value);
        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
        assertThat(unquoted).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C-1", "330702-2026-0451", "盗窃罪 THEFT"})
    void anOrdinaryCellIsLeftAsItIs(String value) {
        assertThat(Csv.cell(value)).isEqualTo(value);
    }

    @org.junit.jupiter.api.Test
    void aCellStartingWithASpaceIsTextAndIsNotPrefixed() throws java.io.IOException {
        // Commons CSV quotes a value that starts with a space (RFC 4180 allows it); what a spreadsheet reads is unchanged.
        String value = " =leading space is text";
        assertThat(Csv.cell(value)).isEqualTo("\"" + value + "\"");
        try (var parser = org.apache.commons.csv.CSVParser.parse(Csv.cell(value), org.apache.commons.csv.CSVFormat.RFC4180)) {
            assertThat(parser.getRecords().get(0).get(0)).isEqualTo(value);
        }
    }

    @org.junit.jupiter.api.Test
    void aCarriageReturnCellIsAlsoQuotedSoTheRowStaysOneRow() {
        assertThat(Csv.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }
}
