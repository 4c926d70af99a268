package com.lexrule.casefile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
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
    /** The font parsed once (PDFBox holds the 16 MB file in memory): guarded by this. */
    private Opened loaded;

    public ReportFont(@ConfigProperty(name = "lexrule.report.font-file") Path file,
                      @ConfigProperty(name = "lexrule.report.font-name") String name) {
        this.file = file;
        this.name = name;
        String problem = problem();
        if (problem != null) {
            LOG.errorf("the printed reports (report.pdf, timeline.pdf) cannot be made: %s", problem);
        }
    }

    /** The font file and its font, open while the service runs. */
    private record Opened(TrueTypeCollection collection, TrueTypeFont font) {
    }

    /**
     * Draws one document with the font. Documents are drawn one at a time: PDFBox's parsed font is not safe for
     * concurrent use (the subset is read from it when the document is saved), and parsing the font for each
     * document cost 100-170 ms and 16 MB of heap each (measured), where drawing a report takes some 50 ms.
     * A font that could not be loaded is tried again, so that installing it needs no restart.
     */
    synchronized <T> T draw(java.util.function.Function<TrueTypeFont, T> document) {
        if (loaded == null) {
            try {
                loaded = open();
            } catch (IOException e) {
                throw unavailable(e.getMessage());
            }
        }
        return document.apply(loaded.font());
    }

    private Opened open() throws IOException {
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

    static ProblemException unavailable(String why) {
        return new ProblemException(503, "report-font-unavailable", "报告字体不可用，无法生成 PDF (report font unavailable)",
                "评估报告所需的中文字体不可用 (the CJK font the reports embed is unavailable): " + why);
    }

    /** Why the reports cannot be made now, or null when they can. */
    public synchronized String problem() {
        if (loaded != null) return null;
        try {
            loaded = open();
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
    }

    public Path file() {
        return file;
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (loaded == null) return;
        if (loaded.collection() != null) loaded.collection().close();
        else loaded.font().close();
        loaded = null;
    }
}
