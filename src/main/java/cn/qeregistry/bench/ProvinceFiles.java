package cn.qeregistry.bench;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The source files of a generated province: every inbox file, and the exchange extract's CSV. */
final class ProvinceFiles {

    static final Charset GB18030 = Charset.forName("GB18030");

    private ProvinceFiles() {
    }

    static List<Path> of(Path province) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> inbox = Files.walk(province.resolve("inbox"))) {
            inbox.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        files.add(exchange(province));
        return files;
    }

    static Path exchange(Path province) {
        return province.resolve("exchange").resolve("finance_equity.csv");
    }

    /** Departments send GB18030 CSV; the exchange extract is UTF-8. */
    static Charset charset(Path file) {
        Path parent = file.getParent();
        return parent != null && parent.getFileName().toString().equals("exchange") ? StandardCharsets.UTF_8 : GB18030;
    }

    static long size(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
