package cn.qeregistry.generator;

import cn.qeregistry.generator.TruthReview.Verdict;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The three truth files (CONTRACTS.md "Truth"): the review outcome of every registered holder ×
 * applicable rule, one line per distinct expected exception, one line per rejected source row.
 */
final class TruthFiles implements Closeable {

    private final LocalDate asOf;
    private final CsvLines review;
    private final CsvLines exceptions;
    private final CsvLines rejects;
    /** Exceptions without a code (a missing credit code) collapse into one line per feed. */
    private final Set<String> codelessSeen = new HashSet<>();
    private long reviewLines;
    private long exceptionLines;
    private long rejectLines;

    TruthFiles(Path dir, LocalDate asOf) throws IOException {
        this.asOf = asOf;
        this.review = new CsvLines(dir.resolve("expected-review.csv"), StandardCharsets.UTF_8, "\n");
        this.exceptions = new CsvLines(dir.resolve("expected-exceptions.csv"), StandardCharsets.UTF_8, "\n");
        this.rejects = new CsvLines(dir.resolve("expected-rejects.csv"), StandardCharsets.UTF_8, "\n");
        review.writeRaw("uscc,tier,level,rule_id,outcome");
        exceptions.writeRaw("uscc,category,feed");
        rejects.writeRaw("feed,file,sheet,row_no,column,defect");
    }

    /** The firm's defect exceptions and, for a holder, its review verdicts and their exceptions. */
    void firm(Firm firm) throws IOException {
        for (ExpectedException e : firm.exceptions) {
            if (!e.uscc().isEmpty() || codelessSeen.add(e.feed())) {
                exceptions.writeRaw(e.csvLine());
                exceptionLines++;
            }
        }
        if (firm.reviewFacts == null) {
            return;
        }
        Set<Outcome> nonPass = EnumSet.noneOf(Outcome.class);
        for (Verdict v : TruthReview.review(firm.reviewFacts, asOf)) {
            review.write(firm.code, v.tier().name(), v.level().name(), v.ruleId(), v.outcome().name());
            reviewLines++;
            nonPass.add(v.outcome());
        }
        for (Outcome outcome : nonPass) {
            String category = switch (outcome) {
                case FAIL -> "REVIEW_FAIL";
                case WARN -> "REVIEW_WARN";
                case DATA_GAP -> "DATA_GAP";
                case PASS -> null;
            };
            if (category != null) {
                exceptions.writeRaw(firm.code + "," + category + ",");
                exceptionLines++;
            }
        }
    }

    void reject(String feed, String file, String sheet, int rowNo, String column, String defect) throws IOException {
        rejects.write(feed, file, sheet, rowNo, column, defect);
        rejectLines++;
    }

    /** Appends the reject lines the workbook pass wrote to its own file. */
    void appendRejects(Path lines) throws IOException {
        try (var reader = java.nio.file.Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rejects.writeRaw(line);
                rejectLines++;
            }
        }
    }

    long reviewLines() {
        return reviewLines;
    }

    long exceptionLines() {
        return exceptionLines;
    }

    long rejectLines() {
        return rejectLines;
    }

    @Override
    public void close() throws IOException {
        try (review; exceptions; rejects) {
            // closes all three, reporting the first failure
        }
    }
}
