package com.lexrule.casefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.lexrule.problem.ProblemException;

import io.quarkus.runtime.Startup;

/**
 * The CJK font the printed reports embed (a subset of it: only the glyphs a report uses). It must have TrueType
 * outlines: PDFBox embeds no CFF-outline OpenType font, which is what the Noto CJK files are. The default is
 * WenQuanYi Zen Hei from Debian's {@code fonts-wqy-zenhei} (GPL-2 with a font embedding exception); the image copies
 * the same file from that package (src/main/docker/Dockerfile.jvm). A missing or unusable font is named at start, in
 * the {@code report-font} health check and in the 503 problem a report request gets: never a blank page.
 */
@Startup
@ApplicationScoped
public class ReportFont {

    private static final Logger LOG = Logger.getLogger(ReportFont.class);

    private final Path file;
    private final String name;

    public ReportFont(@ConfigProperty(name = "lexrule.report.font-file") Path file,
                      @ConfigProperty(name = "lexrule.report.font-name") String name) {
        this.file = file;
        this.name = name;
        String problem = problem();
        if (problem != null) {
            LOG.errorf("the printed reports (report.pdf, timeline.pdf) cannot be made: %s", problem);
        }
    }

    /** The font file and its font, open for one document: PDFBox reads the glyphs of the subset when it saves. */
    public final class Opened implements AutoCloseable {
        private final TrueTypeCollection collection;
        private final TrueTypeFont font;

        private Opened(TrueTypeCollection collection, TrueTypeFont font) {
            this.collection = collection;
            this.font = font;
        }

        public TrueTypeFont font() {
            return font;
        }

        @Override
        public void close() throws IOException {
            if (collection != null) collection.close();
            else font.close();
        }
    }

    /**
     * Opens the font for one document. A font is not shared between documents: PDFBox's parsed fonts are not safe
     * for concurrent use, and opening one reads only the tables it needs.
     */
    public Opened open() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("lexrule.report.font-file=" + file + " is not a readable file (install Debian's "
                    + "fonts-wqy-zenhei, or point lexrule.report.font-file at a TrueType CJK font)");
        }
        TrueTypeFont font;
        TrueTypeCollection collection = null;
        String lower = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".ttc")) {
            collection = new TrueTypeCollection(file.toFile());
            font = collection.getFontByName(name);
            if (font == null) {
                List<String> names = new ArrayList<>();
                collection.processAllFonts(f -> names.add(f.getName()));
                collection.close();
                throw new IOException("lexrule.report.font-name=" + name + " is not in " + file + " (it holds " + names + ")");
            }
        } else {
            font = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        }
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            if (collection != null) collection.close(); else font.close();
            throw new IOException(file + " has CFF (PostScript) outlines, which PDFBox does not embed: use a font with "
                    + "TrueType outlines such as fonts-wqy-zenhei");
        }
        return new Opened(collection, font);
    }

    /** Opens the font for a report, or refuses the request with a problem that names the setting to fix. */
    Opened openForReport() {
        try {
            return open();
        } catch (IOException e) {
            throw unavailable(e.getMessage());
        }
    }

    static ProblemException unavailable(String why) {
        return new ProblemException(503, "report-font-unavailable", "报告字体不可用，无法生成 PDF (report font unavailable)",
                "评估报告所需的中文字体不可用 (the CJK font the reports embed is unavailable): " + why);
    }

    /** Why the reports cannot be made now, or null when they can. */
    public String problem() {
        try (Opened opened = open()) {
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    public Path file() {
        return file;
    }
}
