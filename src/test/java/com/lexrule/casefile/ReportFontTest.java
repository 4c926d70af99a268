package com.lexrule.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.lexrule.problem.ProblemException;

/**
 * A font the reports cannot embed is named, with the setting to change, before any page is drawn: a missing file,
 * a name the collection does not hold, and a CFF-outline font (Noto CJK), which PDFBox does not embed.
 */
class ReportFontTest {

    @Test
    void aMissingFontIsNamedWithItsSettingAndRefusesAReportWithA503() {
        ReportFont font = new ReportFont(Path.of("/no/such/font.ttc"), "WenQuanYiZenHei");
        assertThat(font.problem()).contains("lexrule.report.font-file=/no/such/font.ttc", "fonts-wqy-zenhei");
        assertThatThrownBy(() -> font.draw(f -> f)).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.slug()).isEqualTo("report-font-unavailable");
            assertThat(p.detail()).contains("lexrule.report.font-file");
        });
    }

    @Test
    void aNameTheCollectionDoesNotHoldIsNamedWithThoseItHolds() {
        Path wqy = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
        assertThat(wqy).as("fonts-wqy-zenhei is installed (.ci/run)").exists();
        assertThat(new ReportFont(wqy, "WenQuanYiZenHei").problem()).isNull();
        assertThat(new ReportFont(wqy, "NoSuchFont").problem()).contains("lexrule.report.font-name=NoSuchFont", "WenQuanYiZenHeiSharp");
    }

    @Test
    void aCffOutlineFontIsRefusedAsOneThatPdfBoxCannotEmbed() {
        Path noto = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
        Assumptions.assumeTrue(Files.exists(noto), "fonts-noto-cjk is installed (.ci/run installs it for the console)");
        assertThat(new ReportFont(noto, "NotoSansCJKsc-Regular").problem()).contains("CFF");
    }
}
