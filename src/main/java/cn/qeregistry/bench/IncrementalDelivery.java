package cn.qeregistry.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The next night's change: a market delivery dated the next day that holds one firm in
 * {@value #EVERY} of the full market file, each with its address (住所) changed, so that night sees
 * 1 % of the province changed and nothing else.
 */
final class IncrementalDelivery {

    static final int EVERY = 100;
    private static final String ADDRESS = "住所";

    private IncrementalDelivery() {
    }

    /** Writes {@code market-<date>.csv} into {@code inbox}; returns the firms it carries. */
    static long write(Path fullMarket, LocalDate date, Path inbox) throws IOException {
        Files.createDirectories(inbox);
        Path target = inbox.resolve("market-" + date + ".csv");
        long firms = 0;
        try (BufferedReader in = Files.newBufferedReader(fullMarket, ProvinceFiles.GB18030);
             BufferedWriter out = Files.newBufferedWriter(target, ProvinceFiles.GB18030)) {
            String header = in.readLine();
            int address = split(header).indexOf(ADDRESS);
            if (address < 0) {
                throw new IOException(fullMarket + " has no column " + ADDRESS);
            }
            out.write(header);
            out.write("\r\n");
            long line = 0;
            for (String record = in.readLine(); record != null; record = in.readLine()) {
                if (++line % EVERY != 0) {
                    continue;
                }
                List<String> fields = split(record);
                if (fields.size() <= address) {
                    continue;
                }
                fields.set(address, fields.get(address) + "附1号");
                out.write(join(fields));
                out.write("\r\n");
                firms++;
            }
        }
        return firms;
    }

    /** RFC 4180 fields of one physical line (the generator never puts line breaks inside fields). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String join(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String value = fields.get(i);
            if (i > 0) {
                line.append(',');
            }
            boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0;
            line.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        return line.toString();
    }
}
