package com.lexrule.casefile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A printed document of A4 pages written top to bottom with PDFBox: headings, labelled fields and paragraphs
 * wrapped to the page (Chinese breaks between any two characters, never before closing punctuation; Latin between
 * words), a QR code drawn as vector modules, and the page numbers. Text is set in the report font, embedded as a
 * subset; a character the font lacks is written as its code point rather than dropped.
 */
final class ReportPages implements AutoCloseable {

    static final float MARGIN = 56;
    static final float BODY = 10;
    static final float SMALL = 8.5f;
    private static final float LEADING = 1.45f;
    private static final float LABEL_WIDTH = 92;
    private static final PDRectangle SIZE = PDRectangle.A4;
    /** Closing punctuation a line does not start with (禁则). */
    private static final String NO_LINE_START = "，。、；：？！）》」』】〕,.;:?!)]}%";

    private final PDDocument document = new PDDocument();
    private final TrueTypeFont source;
    private final PDType0Font font;
    private final Map<Integer, Boolean> printable = new HashMap<>();
    private final Map<Integer, Float> widths = new HashMap<>();
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;
    private float labelWidth = LABEL_WIDTH;

    /** Pages in {@code source}, which must stay open until {@link #finish} has saved them (the subset is read then). */
    ReportPages(TrueTypeFont source, String title, String subject) {
        this.source = source;
        try {
            this.font = PDType0Font.load(document, source, true);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setSubject(subject);
            info.setCreator("Lexrule");
            newPage();
        } catch (IOException e) {
            close();
            throw ReportFont.unavailable(e.getMessage());
        }
    }

    float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    /** The document's title, centred. */
    void title(String text, String subtitle) {
        centred(text, 18);
        y -= 6;
        if (subtitle != null && !subtitle.isBlank()) centred(subtitle, 11);
        y -= 4;
        rule();
    }

    private void centred(String text, float size) {
        String shown = printable(text);
        need(size * LEADING);
        float w = textWidth(shown, size);
        write(shown, (SIZE.getWidth() - w) / 2, y - size, size, 0);
        y -= size * LEADING;
    }

    /** A numbered heading such as 一、评估结论. */
    void heading(String text) {
        need(BODY * LEADING * 3);
        y -= 6;
        fill(0.93f, MARGIN, y - BODY * LEADING - 1, width(), BODY * LEADING + 2);
        write(printable(text), MARGIN + 4, y - BODY - 1, BODY + 1, 0);
        y -= BODY * LEADING + 5;
    }

    /** Widens the label column to the longest of these labels (a fact's field name), or back to its default. */
    void labels(java.util.Collection<String> labels) {
        float widest = 0;
        for (String label : labels) widest = Math.max(widest, textWidth(printable(label), BODY));
        labelWidth = Math.min(Math.max(LABEL_WIDTH, widest + 12), width() / 2);
    }

    /** The height {@code text} takes as a paragraph. */
    float height(String text, float size, float indent) {
        return wrap(text, width() - indent, size).size() * size * LEADING;
    }

    /** Starts a new page unless {@code height} points are left on this one: a block that is not split. */
    void keep(float height) {
        need(height);
    }

    /** A label in the left column and its value wrapped in the right one. */
    void field(String label, String value) {
        field(label, value, BODY);
    }

    void field(String label, String value, float size) {
        List<String> lines = wrap(value == null || value.isBlank() ? "—" : value, width() - labelWidth, size);
        need(size * LEADING * Math.min(lines.size(), 3));
        write(printable(label), MARGIN, y - size, size, 0.35f);
        for (String line : lines) {
            need(size * LEADING);
            write(line, MARGIN + labelWidth, y - size, size, 0);
            y -= size * LEADING;
        }
    }

    /** A paragraph, indented by {@code indent} points, in grey when {@code grey}. */
    void paragraph(String text, float size, float indent, boolean grey) {
        for (String line : wrap(text, width() - indent, size)) {
            need(size * LEADING);
            write(line, MARGIN + indent, y - size, size, grey ? 0.35f : 0);
            y -= size * LEADING;
        }
    }

    /** Text on the left and a right-aligned note (the points of a finding) on the first line. */
    void itemWithNote(String text, String note, float indent) {
        float noteWidth = note == null ? 0 : textWidth(printable(note), BODY) + 8;
        List<String> lines = wrap(text, width() - indent - noteWidth, BODY);
        need(BODY * LEADING * Math.min(lines.size(), 2));
        if (note != null) {
            String shown = printable(note);
            write(shown, MARGIN + width() - textWidth(shown, BODY), y - BODY, BODY, 0);
        }
        for (String line : lines) {
            need(BODY * LEADING);
            write(line, MARGIN + indent, y - BODY, BODY, 0);
            y -= BODY * LEADING;
        }
    }

    void space(float points) {
        y -= points;
    }

    void rule() {
        need(6);
        try {
            content.setStrokingColor(0.6f);
            content.setLineWidth(0.6f);
            content.moveTo(MARGIN, y - 2);
            content.lineTo(SIZE.getWidth() - MARGIN, y - 2);
            content.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y -= 8;
    }

    /**
     * The QR code of {@code text} at the right margin beside the lines that follow, {@code side} points wide;
     * returns the width left of it for those lines. Error correction M survives a crease or a stamp on paper.
     */
    float qrCode(String text, float side, float height) {
        need(Math.max(side, height));
        ByteMatrix modules;
        try {
            modules = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
        } catch (WriterException e) {
            throw new IllegalStateException("the verification URL does not fit a QR code: " + text, e);
        }
        float module = side / (modules.getWidth() + 8); // four modules of quiet zone each side
        float left = SIZE.getWidth() - MARGIN - side + 4 * module;
        float top = y - 4 * module;
        try {
            content.setNonStrokingColor(0f);
            for (int row = 0; row < modules.getHeight(); row++) {
                for (int col = 0; col < modules.getWidth(); col++) {
                    if (modules.get(col, row) == 1) {
                        content.addRect(left + col * module, top - (row + 1) * module, module, module);
                    }
                }
            }
            content.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return width() - side - 8;
    }

    /** A field whose value column ends at {@code right} points from the left margin (beside a QR code). */
    void narrowField(String label, String value, float right, float size) {
        write(printable(label), MARGIN, y - size, size, 0.35f);
        for (String line : wrap(value, right - labelWidth, size)) {
            write(line, MARGIN + labelWidth, y - size, size, 0);
            y -= size * LEADING;
        }
    }

    /** The y position, for a block that must clear the QR code beside it. */
    float y() {
        return y;
    }

    void moveTo(float newY) {
        y = Math.min(y, newY);
    }

    /** Numbers the pages, puts the footer on each, and returns the PDF. */
    byte[] finish(String footer) {
        try {
            content.close();
            content = null;
            int total = pages.size();
            for (int i = 0; i < total; i++) {
                try (PDPageContentStream stream = new PDPageContentStream(document, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String left = printable(footer);
                    String right = printable("第 " + (i + 1) + " 页，共 " + total + " 页");
                    text(stream, left, MARGIN, MARGIN / 2, SMALL, 0.4f);
                    text(stream, right, SIZE.getWidth() - MARGIN - textWidth(right, SMALL), MARGIN / 2, SMALL, 0.4f);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (content != null) content.close();
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a new page when fewer than {@code height} points are left above the footer. */
    private void need(float height) {
        if (y - height < MARGIN) newPage();
    }

    private void newPage() {
        try {
            if (content != null) content.close();
            PDPage page = new PDPage(SIZE);
            document.addPage(page);
            pages.add(page);
            content = new PDPageContentStream(document, page);
            y = SIZE.getHeight() - MARGIN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fill(float grey, float x, float bottom, float w, float h) {
        try {
            content.setNonStrokingColor(grey);
            content.addRect(x, bottom, w, h);
            content.fill();
            content.setNonStrokingColor(0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String shown, float x, float baseline, float size, float grey) {
        text(content, shown, x, baseline, size, grey);
    }

    private void text(PDPageContentStream stream, String shown, float x, float baseline, float size, float grey) {
        try {
            stream.beginText();
            stream.setNonStrokingColor(grey);
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(shown);
            stream.endText();
            stream.setNonStrokingColor(0f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of {@code text} (already split at its own line breaks) that fit {@code max} points. */
    List<String> wrap(String text, float max, float size) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : printable(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float used = 0;
            // where the line may end before a Latin word that does not fit: the end kept, where the carry starts
            int keepEnd = -1;
            int carryStart = -1;
            for (int i = 0; i < paragraph.length(); ) {
                int cp = paragraph.codePointAt(i);
                float w = charWidth(cp, size);
                boolean fits = used + w <= max || line.isEmpty() || NO_LINE_START.indexOf(cp) >= 0;
                if (!fits) {
                    if (isWordChar(cp) && keepEnd > 0) {
                        // a Latin word (a code, a rule id) is carried whole to the next line
                        String carried = line.substring(carryStart);
                        lines.add(line.substring(0, keepEnd));
                        line.setLength(0);
                        line.append(carried);
                    } else {
                        lines.add(line.toString());
                        line.setLength(0);
                        if (cp == ' ') {
                            i += Character.charCount(cp);
                            used = 0;
                            keepEnd = carryStart = -1;
                            continue;
                        }
                    }
                    used = textWidth(line.toString(), size);
                    keepEnd = carryStart = -1;
                }
                if (cp == ' ') {
                    keepEnd = line.length();
                    carryStart = line.length() + 1;
                } else if (!isWordChar(cp)) {
                    keepEnd = carryStart = line.length() + Character.charCount(cp);
                }
                line.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Latin text, a code, a rule id, a URL: kept whole on a line where it fits; Chinese may break anywhere. */
    private static boolean isWordChar(int cp) {
        return cp < 0x80 && cp != ' ';
    }

    private float charWidth(int cp, float size) {
        return widths.computeIfAbsent(cp, c -> textWidth(new String(Character.toChars(c)), 1)) * size;
    }

    private float textWidth(String shown, float size) {
        try {
            return font.getStringWidth(shown) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every character the font cannot show written as its code point, and no control characters. */
    String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\n') out.append('\n');
            else if (cp == '\t') out.append(' ');
            else if (Character.isISOControl(cp)) out.append("[U+").append(String.format("%04X", cp)).append(']');
            else if (printable.computeIfAbsent(cp, this::hasGlyph)) out.appendCodePoint(cp);
            else out.append("[U+").append(String.format("%04X", cp)).append(']');
        });
        return out.toString();
    }

    private boolean hasGlyph(int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return source.getUnicodeCmapLookup().getGlyphId(cp) > 0;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
