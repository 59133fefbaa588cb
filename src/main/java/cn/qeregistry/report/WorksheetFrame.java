package cn.qeregistry.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A worksheet's XML around its rows, as SXSSF writes it: the sheet part of the workbook POI writes
 * without rows, cut where POI's {@code copyStreamAndInjectWorksheet} puts the rows in. {@code head}
 * runs up to the rows (an empty {@code <sheetData/>} becomes {@code "<sheetData>\n"}, as POI makes
 * it), {@code tail} from {@code </sheetData>} on.
 */
record WorksheetFrame(byte[] head, byte[] tail) {

    private static final byte[] EMPTY = ascii("<sheetData/>");
    private static final byte[] OPEN = ascii("<sheetData>");
    private static final byte[] CLOSE = ascii("</sheetData>");
    private static final byte[] OPENED = ascii("<sheetData>\n");

    /** {@code xml}: the sheet part in UTF-8 (the markers are ASCII, so bytes match where characters do). */
    static WorksheetFrame of(String part, byte[] xml) throws IOException {
        int empty = indexOf(xml, EMPTY, 0);
        int open = indexOf(xml, OPEN, 0);
        if (empty >= 0 && (open < 0 || empty < open)) {
            return new WorksheetFrame(concat(Arrays.copyOf(xml, empty), OPENED),
                    concat(CLOSE, Arrays.copyOfRange(xml, empty + EMPTY.length, xml.length)));
        }
        int close = open < 0 ? -1 : indexOf(xml, CLOSE, open + OPEN.length);
        if (close < 0) {
            throw new IOException("the worksheet " + part + " has no <sheetData> element for the rows");
        }
        return new WorksheetFrame(Arrays.copyOf(xml, close), Arrays.copyOfRange(xml, close, xml.length));
    }

    private static int indexOf(byte[] xml, byte[] marker, int from) {
        outer:
        for (int i = from, last = xml.length - marker.length; i <= last; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (xml[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
