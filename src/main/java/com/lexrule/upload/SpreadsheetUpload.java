package com.lexrule.upload;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import com.lexrule.boundary.ReadLimit;

/**
 * An uploaded .xlsx workbook, opened so that its size in memory is bounded by what is read, not by what the zip
 * inflates to. The upload is spooled to a temp file of its own (deleted on {@link #close()}, whatever happened) and
 * opened with {@code OPCPackage.open(File, READ)}: POI then reads each part from the file on demand, where
 * {@code OPCPackage.open(InputStream)} would inflate every entry into a byte array first.
 *
 * <p>Before POI parses anything the zip directory is checked: at most {@link Limits#maxEntries()} entries, no
 * declared size over a bound, and no macros (an {@code xl/vbaProject.bin} entry, an Excel 4 macro sheet, or a
 * macro-enabled content type in {@code [Content_Types].xml}): a legal workbook has no reason to carry code. The
 * main part must be a spreadsheet's workbook, so a renamed .docx or .zip is refused by what it is, not by its name.
 * Every part read afterwards is counted while it inflates, and each kind has its own bound: the shared strings and
 * the styles are held in memory in full, so theirs is tight; the sheet is streamed (SAX) and its bound caps time.
 * POI's own zip-bomb check (minimum inflate ratio) stays on beneath, and {@link PoiBounds} caps any single entry
 * and byte array POI allocates anywhere in the service.
 */
public final class SpreadsheetUpload implements AutoCloseable {

    /** Why an upload was refused. */
    public enum Reason {
        /** Not a zip, not an OOXML package, or not a spreadsheet. */
        NOT_A_WORKBOOK,
        /** Carries VBA or Excel 4 macros. */
        MACRO_ENABLED,
        /** A part inflates beyond its bound, or the package holds too many entries: refused as a zip bomb. */
        TOO_LARGE
    }

    /** The upload cannot be read safely; {@link #reason} says why, the message names the part or the limit. */
    public static final class Refused extends IOException {
        private final Reason reason;

        public Refused(Reason reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /**
     * Bounds on one upload. {@code maxFileBytes} is the spooled file; the others are inflated bytes of one part.
     */
    public record Limits(long maxFileBytes, int maxEntries, long maxSheetBytes, long maxSharedStringsBytes,
                         long maxStylesBytes) {
        /** Bounds that fit a 10 MiB upload on a heap of a few hundred MiB. */
        public static Limits of(long maxFileBytes) {
            return new Limits(maxFileBytes, 200, 512L << 20, 64L << 20, 8L << 20);
        }
    }

    private static final long CONTENT_TYPES_MAX_BYTES = 1L << 20;
    private static final String CONTENT_TYPES = "[Content_Types].xml";
    private static final List<String> MACRO_MARKERS = List.of("macroenabled", "vbaproject", "macrosheet", "ms-excel.intlmacrosheet");
    private static final List<String> SPREADSHEET_MAIN_TYPES = List.of(
            XSSFRelation.WORKBOOK.getContentType(), XSSFRelation.TEMPLATE_WORKBOOK.getContentType());

    private final Path file;
    private final Limits limits;
    private final OPCPackage pkg;
    private final XSSFReader reader;

    private SpreadsheetUpload(Path file, Limits limits, OPCPackage pkg, XSSFReader reader) {
        this.file = file;
        this.limits = limits;
        this.pkg = pkg;
        this.reader = reader;
    }

    /** Spools {@code content} to a temp file and opens it; the stream is read to its end but not closed. */
    public static SpreadsheetUpload open(InputStream content, Limits limits) throws IOException {
        return open(content, limits, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #open(InputStream, Limits)}, spooling into {@code directory}. */
    public static SpreadsheetUpload open(InputStream content, Limits limits, Path directory) throws IOException {
        Path file = spool(content, limits.maxFileBytes(), directory);
        OPCPackage pkg = null;
        try {
            checkZipDirectory(file, limits);
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
            checkMainPart(pkg);
            return new SpreadsheetUpload(file, limits, pkg, new XSSFReader(pkg));
        } catch (Refused e) {
            discard(pkg, file);
            throw e;
        } catch (IOException | RuntimeException | org.apache.poi.openxml4j.exceptions.OpenXML4JException e) {
            discard(pkg, file);
            throw classify(e, "不是可读取的 .xlsx 工作簿 (not a readable .xlsx workbook): ");
        }
    }

    /** The sheets' names, in workbook order. */
    public List<String> sheetNames() throws IOException {
        List<String> names = new ArrayList<>();
        try {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                sheets.next().close();
                names.add(sheets.getSheetName());
            }
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new Refused(Reason.NOT_A_WORKBOOK, "工作簿结构无效 (invalid workbook structure): " + message(e), e);
        }
        return names;
    }

    /**
     * Streams sheet {@code index} (zero-based, workbook order) through {@code handler}, cell by cell, with cells
     * formatted by {@code formatter} as the sheet's styles say. A handler may stop the read by throwing an unchecked
     * exception, which reaches the caller unchanged. Does nothing when there is no such sheet.
     */
    public void readSheet(int index, XSSFSheetXMLHandler.SheetContentsHandler handler, DataFormatter formatter) throws IOException {
        HandlerGuard guard = new HandlerGuard(handler);
        try {
            ReadOnlySharedStringsTable strings = sharedStrings();
            StylesTable styles = styles();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            for (int i = 0; sheets.hasNext(); i++) {
                InputStream sheet = sheets.next();
                if (i != index) {
                    sheet.close();
                    continue;
                }
                try (InputStream bounded = bounded(sheet, "工作表 " + sheets.getSheetName(), limits.maxSheetBytes())) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, guard, formatter, false));
                    parser.parse(new InputSource(bounded));
                }
                return;
            }
        } catch (RuntimeException e) {
            if (guard.thrown == e) {
                throw e; // the handler stopped the read: its own exception, unchanged
            }
            throw classify(e, "工作表无法读取 (unreadable sheet): ");
        } catch (IOException | org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException
                 | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw classify(e, "工作表无法读取 (unreadable sheet): ");
        }
    }

    /** Remembers what the caller's handler threw, to tell it apart from POI's own runtime exceptions. */
    private static final class HandlerGuard implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final XSSFSheetXMLHandler.SheetContentsHandler handler;
        private RuntimeException thrown;

        HandlerGuard(XSSFSheetXMLHandler.SheetContentsHandler handler) {
            this.handler = handler;
        }

        private RuntimeException remember(RuntimeException e) {
            thrown = e;
            return e;
        }

        @Override
        public void startRow(int rowNum) {
            try {
                handler.startRow(rowNum);
            } catch (RuntimeException e) {
                throw remember(e);
            }
        }

        @Override
        public void endRow(int rowNum) {
            try {
                handler.endRow(rowNum);
            } catch (RuntimeException e) {
                throw remember(e);
            }
        }

        @Override
        public void cell(String reference, String formattedValue, org.apache.poi.xssf.usermodel.XSSFComment comment) {
            try {
                handler.cell(reference, formattedValue, comment);
            } catch (RuntimeException e) {
                throw remember(e);
            }
        }

        @Override
        public void headerFooter(String text, boolean isHeader, String tagName) {
            try {
                handler.headerFooter(text, isHeader, tagName);
            } catch (RuntimeException e) {
                throw remember(e);
            }
        }

        @Override
        public void endSheet() {
            try {
                handler.endSheet();
            } catch (RuntimeException e) {
                throw remember(e);
            }
        }
    }

    /**
     * The workbook as POI's user model, read from the spooled package (never written back). Only for uploads whose
     * rows were first counted with {@link #readSheet}: the user model holds every cell in memory.
     */
    public org.apache.poi.xssf.usermodel.XSSFWorkbook workbook() throws IOException {
        try {
            return new org.apache.poi.xssf.usermodel.XSSFWorkbook(pkg);
        } catch (RuntimeException e) {
            throw classify(e, "不是可读取的 .xlsx 工作簿 (not a readable .xlsx workbook): ");
        }
    }

    /** A refusal found in the cause chain, a zip bomb POI detected, or else an unreadable workbook. */
    private static Refused classify(Throwable e, String prefix) {
        Refused refused = refusedIn(e);
        if (refused != null) {
            return refused;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Zip bomb")) {
                return new Refused(Reason.TOO_LARGE, "压缩比异常，按防 zip 炸弹规则拒绝 (refused as a zip bomb): " + message(t), e);
            }
        }
        return new Refused(Reason.NOT_A_WORKBOOK, prefix + message(e), e);
    }

    /** Closes the package without writing anything back, and deletes the temp file. */
    @Override
    public void close() {
        discard(pkg, file);
    }

    /** The spooled file, for tests that check it is gone after {@link #close()}. */
    Path file() {
        return file;
    }

    // ------------------------------------------------------------------------------------------ parts

    private ReadOnlySharedStringsTable sharedStrings() throws IOException, org.xml.sax.SAXException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        if (parts.isEmpty()) {
            return new ReadOnlySharedStringsTable(InputStream.nullInputStream());
        }
        try (InputStream in = bounded(parts.get(0).getInputStream(), "共享字符串表 sharedStrings", limits.maxSharedStringsBytes())) {
            return new ReadOnlySharedStringsTable(in);
        }
    }

    private StylesTable styles() throws IOException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.STYLES.getContentType());
        if (parts.isEmpty()) {
            return null;
        }
        try (InputStream in = bounded(parts.get(0).getInputStream(), "样式表 styles", limits.maxStylesBytes())) {
            return new StylesTable(in);
        }
    }

    // ------------------------------------------------------------------------------------------ checks

    private static Path spool(InputStream content, long maxBytes, Path directory) throws IOException {
        Path file = tempFile(directory);
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = content.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new Refused(Reason.TOO_LARGE, "文件超过 " + maxBytes + " 字节 (file over " + maxBytes + " bytes)", null);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    private static Path tempFile(Path directory) throws IOException {
        try {
            return Files.createTempFile(directory, "lexrule-upload-", ".xlsx",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, "lexrule-upload-", ".xlsx");
        }
    }

    /** Entry count, declared sizes and macros, from the zip directory, before POI parses a byte. */
    private static void checkZipDirectory(Path file, Limits limits) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw new Refused(Reason.TOO_LARGE, "工作簿含 " + zip.size() + " 个部件，超过上限 " + limits.maxEntries()
                        + " (the package holds more than " + limits.maxEntries() + " entries)", null);
            }
            long bound = Math.max(limits.maxSheetBytes(), Math.max(limits.maxSharedStringsBytes(), limits.maxStylesBytes()));
            Enumeration<? extends ZipEntry> entries = zip.entries();
            ZipEntry contentTypes = null;
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.contains("macrosheets/")) {
                    throw macros(entry.getName());
                }
                if (entry.getSize() > bound) {
                    throw new Refused(Reason.TOO_LARGE, "部件 " + entry.getName() + " 解压后 " + entry.getSize() + " 字节，超过上限 "
                            + bound + " (entry inflates beyond " + bound + " bytes)", null);
                }
                if (entry.getName().equals(CONTENT_TYPES)) {
                    contentTypes = entry;
                }
            }
            if (contentTypes == null) {
                throw new Refused(Reason.NOT_A_WORKBOOK, "没有 [Content_Types].xml，不是 .xlsx 工作簿 (not an OOXML package)", null);
            }
            String types;
            try (InputStream in = bounded(zip.getInputStream(contentTypes), CONTENT_TYPES, CONTENT_TYPES_MAX_BYTES)) {
                types = new String(in.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
            for (String marker : MACRO_MARKERS) {
                if (types.contains(marker)) {
                    throw macros(CONTENT_TYPES + " (" + marker + ")");
                }
            }
        } catch (ZipException e) {
            throw new Refused(Reason.NOT_A_WORKBOOK, "不是 zip 格式的 .xlsx 工作簿 (not a zip package): " + message(e), e);
        }
    }

    private static Refused macros(String where) {
        return new Refused(Reason.MACRO_ENABLED, "工作簿含宏（" + where + "），不予接受；请另存为不含宏的 .xlsx "
                + "(macro-enabled workbooks are refused: " + where + ")", null);
    }

    private static void checkMainPart(OPCPackage pkg) throws Refused {
        boolean spreadsheet = pkg.getPartsByContentType(SPREADSHEET_MAIN_TYPES.get(0)).size()
                + pkg.getPartsByContentType(SPREADSHEET_MAIN_TYPES.get(1)).size() == 1;
        if (!spreadsheet) {
            throw new Refused(Reason.NOT_A_WORKBOOK, "文件不是 Excel 工作簿（可能是改了扩展名的其他文件） (the package is not a spreadsheet)", null);
        }
    }

    private static InputStream bounded(InputStream in, String part, long maxBytes) {
        return ReadLimit.of(in, maxBytes, () -> {
            throw new Refused(Reason.TOO_LARGE, part + " 解压后超过 " + maxBytes + " 字节，按防 zip 炸弹规则拒绝 ("
                    + part + " inflates beyond " + maxBytes + " bytes)", null);
        });
    }

    private static Refused refusedIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused refused) {
                return refused;
            }
            if (t instanceof org.xml.sax.SAXException sax && sax.getException() instanceof Refused refused) {
                return refused;
            }
        }
        return null;
    }

    private static void discard(OPCPackage pkg, Path file) {
        if (pkg != null) {
            pkg.revert();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            File f = file.toFile();
            f.deleteOnExit();
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
