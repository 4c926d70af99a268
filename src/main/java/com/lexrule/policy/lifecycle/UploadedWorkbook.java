package com.lexrule.policy.lifecycle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Opens an officer's .xlsx only after a streaming look at the package: a macro-enabled workbook is refused, and the
 * sheets and rows are counted while inflating, so that a workbook over the limits is refused before POI builds it in
 * memory (a 100,000-row sheet would otherwise be loaded whole before the row limit could say no).
 */
final class UploadedWorkbook {

    /** Why an upload is refused: too large for the limits (413) or not an acceptable workbook (422). */
    static final class Refused extends Exception {
        final boolean overLimit;

        Refused(String message, boolean overLimit) {
            super(message);
            this.overLimit = overLimit;
        }
    }

    /** The most XML the row count reads across all sheets before it calls the package a zip bomb. */
    private static final long MAX_INFLATED_BYTES = 256L * 1024 * 1024;
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private UploadedWorkbook() {
    }

    static Workbook open(byte[] content, int maxSheets, int maxRows) throws Refused {
        inspect(content, maxSheets, maxRows);
        try {
            Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content));
            if (!(workbook instanceof XSSFWorkbook)) {
                workbook.close();
                throw new Refused("不是 .xlsx 工作簿 (only .xlsx workbooks are accepted)", false);
            }
            return workbook;
        } catch (IOException | RuntimeException e) {
            throw new Refused("无法读取电子表格，或被压缩炸弹防护拒绝 (unreadable workbook, or refused by zip-bomb protection): "
                    + e.getMessage(), false);
        }
    }

    private static void inspect(byte[] content, int maxSheets, int maxRows) throws Refused {
        long[] inflated = {0};
        int sheets = 0;
        boolean any = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                any = true;
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.contains("/vba") || name.endsWith(".bin") && name.contains("activex")) {
                    throw new Refused("不接受含宏的工作簿 (macro-enabled workbooks are refused): " + entry.getName(), false);
                }
                if (name.equals("[content_types].xml")) {
                    String types = new String(bounded(zip, inflated).readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                    if (types.contains("macroenabled") || types.contains("vbaproject")) {
                        throw new Refused("不接受含宏的工作簿 (macro-enabled workbooks are refused): [Content_Types].xml", false);
                    }
                } else if (name.startsWith("xl/worksheets/") && name.endsWith(".xml")) {
                    if (++sheets > maxSheets) {
                        throw new Refused("工作簿最多 " + maxSheets + " 个工作表 (at most " + maxSheets + " sheets)", true);
                    }
                    int rows = countRows(bounded(zip, inflated), maxRows);
                    if (rows > maxRows) {
                        throw new Refused("每个工作表最多 " + maxRows + " 行 (at most " + maxRows + " rows per sheet)", true);
                    }
                }
            }
        } catch (IOException e) {
            throw new Refused("无法读取电子表格，或被压缩炸弹防护拒绝 (unreadable workbook, or refused by zip-bomb protection): "
                    + e.getMessage(), false);
        }
        if (!any) throw new Refused("不是 .xlsx 工作簿 (only .xlsx workbooks are accepted)", false);
    }

    /** The rows of one sheet part (their count, or the highest row number), read as the XML streams by; stops past the limit. */
    private static int countRows(InputStream sheet, int maxRows) throws Refused {
        int rows = 0;
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(sheet);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("row")) {
                    rows++;
                    String number = xml.getAttributeValue(null, "r");
                    if (number != null && number.matches("\\d{1,9}")) rows = Math.max(rows, Integer.parseInt(number));
                    if (rows > maxRows) return rows;
                }
            }
            return rows;
        } catch (XMLStreamException e) {
            throw new Refused("工作表不是有效的 XML (a sheet of the workbook is not valid XML): " + e.getMessage(), false);
        }
    }

    /** The current entry, not closing the zip, counting what it inflates against the whole package's bound. */
    private static InputStream bounded(ZipInputStream zip, long[] inflated) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = zip.read(b, off, len);
                if (n > 0 && (inflated[0] += n) > MAX_INFLATED_BYTES) {
                    throw new IOException("inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                }
                return n;
            }
        };
    }
}
