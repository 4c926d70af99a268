package com.lexrule.review.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The CSV reader reads RFC 4180 exactly and refuses what it cannot read, naming the record. */
class CsvCaseReaderTest {

    static RawTable read(String csv) throws CsvCaseReader.MalformedCsv {
        return CsvCaseReader.read(csv.getBytes(StandardCharsets.UTF_8), 100);
    }

    @Test
    void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() throws Exception {
        RawTable table = read("\uFEFFa,b,c\r\n1,\"x, y\",\"he said \"\"no\"\"\"\r\n2,\"two\nlines\",\r\n");
        assertThat(table.rows()).hasSize(3);
        assertThat(table.rows().get(0).cells()).isEqualTo(Map.of(0, "a", 1, "b", 2, "c"));
        assertThat(table.rows().get(1).cells()).isEqualTo(Map.of(0, "1", 1, "x, y", 2, "he said \"no\""));
        assertThat(table.rows().get(2).cells()).isEqualTo(Map.of(0, "2", 1, "two\nlines"));
    }

    @Test
    void blankLinesAreSkippedButCountedSoRowNumbersMatchTheSpreadsheet() throws Exception {
        RawTable table = read("h\n\nx\ny");
        assertThat(table.rows()).extracting(RawTable.RawRow::number).containsExactly(1, 3, 4);
    }

    @Test
    void anUnterminatedQuoteIsRefusedWithItsRecord() {
        assertThatThrownBy(() -> read("h\n\"open,1\n2,3\n")).isInstanceOf(CsvCaseReader.MalformedCsv.class)
                .satisfies(e -> assertThat(((CsvCaseReader.MalformedCsv) e).record).isEqualTo(2));
    }

    @Test
    void textAfterAClosingQuoteIsRefused() {
        assertThatThrownBy(() -> read("\"a\"b,c\n")).isInstanceOf(CsvCaseReader.MalformedCsv.class);
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedRatherThanGuessed() {
        byte[] gbk = "案件编号,罪名\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> CsvCaseReader.read(gbk, 100)).isInstanceOf(CsvCaseReader.MalformedCsv.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void theRowLimitStopsTheRead() {
        assertThatThrownBy(() -> CsvCaseReader.read("a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8), 3))
                .isInstanceOf(XlsxCaseReader.TooManyRows.class);
    }
}
