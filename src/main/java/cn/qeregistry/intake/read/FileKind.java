package cn.qeregistry.intake.read;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a file really is, judged by its first bytes, checked against what its name says. */
public enum FileKind {
    XLSX, XLS, CSV;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    /** The kind named by the extension, confirmed by the content; a mismatch is a {@link BadFileException}. */
    public static FileKind of(Path file, String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        FileKind named = switch (extension) {
            case "xlsx", "xlsm" -> XLSX;
            case "xls" -> XLS;
            case "csv", "txt" -> CSV;
            default -> throw new BadFileException(name + ": unknown file type '." + extension + "' (expected .xlsx, .xls or .csv)");
        };
        byte[] head = head(file);
        if (head.length == 0) {
            throw new BadFileException(name + ": the file is empty (0 bytes)");
        }
        String actual = startsWith(head, ZIP) ? "a ZIP container (.xlsx)"
                : startsWith(head, OLE2) ? "an OLE2 compound document (.xls)" : "text";
        if (startsWith(head, OLE2) && named == XLSX && isEncryptedOoxml(file)) {
            throw new BadFileException(name + ": the workbook is password-protected (encrypted); ask the department for an unprotected copy");
        }
        boolean matches = switch (named) {
            case XLSX -> startsWith(head, ZIP);
            case XLS -> startsWith(head, OLE2);
            case CSV -> !startsWith(head, ZIP) && !startsWith(head, OLE2) && !hasNul(head);
        };
        if (!matches) {
            throw new BadFileException(name + ": the name says ." + extension + " but the content is "
                    + (named == CSV && !startsWith(head, ZIP) && !startsWith(head, OLE2) ? "binary, not text" : actual));
        }
        return named;
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4096);
        } catch (IOException e) {
            throw new BadFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** An encrypted .xlsx is an OLE2 container holding EncryptionInfo and EncryptedPackage. */
    private static boolean isEncryptedOoxml(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A NUL byte means binary, unless the text is UTF-16 (declared by its byte-order mark). */
    private static boolean hasNul(byte[] head) {
        boolean utf16 = head.length >= 2 && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF));
        if (utf16) {
            return false;
        }
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
