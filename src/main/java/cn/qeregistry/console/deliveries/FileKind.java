package cn.qeregistry.console.deliveries;

import java.util.Locale;
import java.util.Optional;

/**
 * The file types a feed's inbox accepts, told apart by content rather than by name: xlsx is a ZIP
 * container, xls an OLE2 compound document, csv text without NUL or other binary control bytes.
 */
enum FileKind {
    XLSX("xlsx"), XLS("xls"), CSV("csv");

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    final String extension;

    FileKind(String extension) {
        this.extension = extension;
    }

    /** The kind the first bytes of a file show, if it is one we accept. */
    static Optional<FileKind> sniff(byte[] head, int length) {
        if (startsWith(head, length, ZIP)) {
            return Optional.of(XLSX);
        }
        if (startsWith(head, length, OLE2)) {
            return Optional.of(XLS);
        }
        return length > 0 && isText(head, length) ? Optional.of(CSV) : Optional.empty();
    }

    static Optional<FileKind> byName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (FileKind kind : values()) {
            if (kind.extension.equals(extension)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Text in any ASCII-compatible encoding (UTF-8, GB18030): no NUL and no C0 controls but tab, CR, LF, FF. */
    private static boolean isText(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xFF;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                return false;
            }
        }
        return true;
    }
}
