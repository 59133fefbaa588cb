package cn.qeregistry.console.deliveries;

import cn.qeregistry.core.Feed;
import cn.qeregistry.platform.QeHome;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * Puts an uploaded file into {@code $QE_HOME/inbox/<feed>/} for the next intake: the name is reduced
 * to a safe base name, the size is capped, the type is checked by content and must agree with the
 * extension, and the file appears in the inbox only once it is complete (written aside, then moved).
 */
@Component
public class InboxUpload {

    private final DataSize maxSize;

    public InboxUpload(@Value("${qe.console.upload-max-size:200MB}") DataSize maxSize) {
        this.maxSize = maxSize;
    }

    public DataSize maxSize() {
        return maxSize;
    }

    /** Why an upload was refused, as a message key plus the detail to show. */
    public static class Rejected extends Exception {
        final String key;

        Rejected(String key, String detail) {
            super(detail);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** Stores the upload and returns where it landed. */
    public Path store(String feedCode, String originalName, InputStream content) throws Rejected, IOException {
        Feed feed = Feed.fromCode(feedCode).orElseThrow(() -> new Rejected("upload.error.feed", String.valueOf(feedCode)));
        String name = safeName(originalName);
        FileKind declared = FileKind.byName(name).orElseThrow(() -> new Rejected("upload.error.extension", name));
        Path inbox = QeHome.ensure(QeHome.resolve().inbox(feed.code()));
        Path target = inbox.resolve(name).normalize();
        if (!target.getParent().equals(inbox)) {
            throw new Rejected("upload.error.name", name);
        }
        if (Files.exists(target)) {
            throw new Rejected("upload.error.exists", name);
        }
        Path partial = Files.createTempFile(inbox, ".upload-", ".part");
        try {
            byte[] head = copyCapped(content, partial);
            FileKind actual = FileKind.sniff(head, head.length).orElseThrow(() -> new Rejected("upload.error.type", name));
            if (actual != declared) {
                throw new Rejected("upload.error.mismatch", name + ": " + actual.extension);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The base name only (no directories, no leading dots), NFC, with unsafe characters replaced. */
    static String safeName(String original) throws Rejected {
        if (original == null) {
            throw new Rejected("upload.error.name", "");
        }
        String base = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        base = Normalizer.normalize(base, Normalizer.Form.NFC).strip();
        StringBuilder safe = new StringBuilder();
        base.codePoints().forEach(cp -> safe.appendCodePoint(
                Character.isLetterOrDigit(cp) || "._-()（）[]【】 ".indexOf(cp) >= 0 ? cp : '_'));
        String name = safe.toString().replaceAll("^[.\\s]+", "");
        if (name.isEmpty() || name.length() > 200) {
            throw new Rejected("upload.error.name", original);
        }
        return name;
    }

    private byte[] copyCapped(InputStream in, Path partial) throws IOException, Rejected {
        byte[] head = new byte[8192];
        int headLength = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(partial)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxSize.toBytes()) {
                    throw new Rejected("upload.error.size", maxSize.toMegabytes() + " MB");
                }
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new Rejected("upload.error.empty", "");
        }
        return Arrays.copyOf(head, headLength);
    }
}
