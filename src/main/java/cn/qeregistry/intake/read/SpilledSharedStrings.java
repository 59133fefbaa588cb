package cn.qeregistry.intake.read;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The shared strings of a workbook, streamed once into a temporary file with only their offsets
 * kept in memory (8 bytes a string), so a workbook of millions of distinct strings does not hold
 * them all on the heap. Phonetic runs ({@code rPh}) are not part of a cell's text.
 */
final class SpilledSharedStrings implements AutoCloseable {

    private final Path file;
    private final RandomAccessFile data;
    private long[] offsets = new long[1024];
    private int count;

    SpilledSharedStrings(InputStream xml, XMLInputFactory factory) throws IOException, XMLStreamException {
        this.file = Files.createTempFile("qe-shared-strings", ".bin");
        try {
            if (xml != null) {
                spill(xml, factory);
            }
            this.data = new RandomAccessFile(file.toFile(), "r");
        } catch (IOException | XMLStreamException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private void spill(InputStream xml, XMLInputFactory factory) throws IOException, XMLStreamException {
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamReader x = factory.createXMLStreamReader(xml);
            StringBuilder text = new StringBuilder();
            boolean phonetic = false;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "si" -> text.setLength(0);
                        case "rPh" -> phonetic = true;
                        case "t" -> {
                            if (!phonetic) {
                                text.append(x.getElementText());
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (x.getLocalName().equals("rPh")) {
                        phonetic = false;
                    } else if (x.getLocalName().equals("si")) {
                        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                        if (count + 1 >= offsets.length) {
                            offsets = Arrays.copyOf(offsets, offsets.length * 2);
                        }
                        offsets[count++] = written;
                        out.write(bytes);
                        written += bytes.length;
                    }
                }
            }
            x.close();
        }
        offsets[count] = written;
    }

    String get(int index) {
        if (index < 0 || index >= count) {
            throw new BadFileException("a cell refers to shared string " + index + " but the workbook has " + count);
        }
        try {
            byte[] bytes = new byte[(int) (offsets[index + 1] - offsets[index])];
            data.seek(offsets[index]);
            data.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            data.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans its temp folder
        }
    }
}
