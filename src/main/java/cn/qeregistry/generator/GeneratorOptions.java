package cn.qeregistry.generator;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One province to generate.
 *
 * @param holderShare     share of firms holding a tier (about 2%)
 * @param maxRowsPerSheet rows per xlsx sheet before the next sheet starts (Excel's limit; tests lower it)
 */
public record GeneratorOptions(Path out, int enterprises, long seed, LocalDate asOf, DefectRates rates,
                               double holderShare, int maxRowsPerSheet) {

    public static final int EXCEL_MAX_ROWS = 1_048_576;
    /** BIFF8 (.xls) holds 65,536 rows: a header and 65,535 data rows. */
    public static final int XLS_MAX_DATA_ROWS = 65_535;

    public GeneratorOptions {
        if (enterprises < 1) {
            throw new IllegalArgumentException("enterprises must be at least 1, got " + enterprises);
        }
        if (maxRowsPerSheet < 10 || maxRowsPerSheet > EXCEL_MAX_ROWS) {
            throw new IllegalArgumentException("maxRowsPerSheet must be within 10.." + EXCEL_MAX_ROWS);
        }
    }

    public static GeneratorOptions of(Path out, int enterprises, long seed, LocalDate asOf) {
        return new GeneratorOptions(out, enterprises, seed, asOf, DefectRates.defaults(), 0.02, EXCEL_MAX_ROWS);
    }

    public GeneratorOptions withRates(DefectRates newRates) {
        return new GeneratorOptions(out, enterprises, seed, asOf, newRates, holderShare, maxRowsPerSheet);
    }

    public GeneratorOptions withHolderShare(double share) {
        return new GeneratorOptions(out, enterprises, seed, asOf, rates, share, maxRowsPerSheet);
    }

    public GeneratorOptions withMaxRowsPerSheet(int rows) {
        return new GeneratorOptions(out, enterprises, seed, asOf, rates, holderShare, rows);
    }

    public GeneratorOptions withOut(Path dir) {
        return new GeneratorOptions(dir, enterprises, seed, asOf, rates, holderShare, maxRowsPerSheet);
    }

    public GeneratorOptions withSeed(long newSeed) {
        return new GeneratorOptions(out, enterprises, newSeed, asOf, rates, holderShare, maxRowsPerSheet);
    }

    /** The fiscal year Y = as-of year - 1. */
    public int lastYear() {
        return asOf.getYear() - 1;
    }

    /** Which of the three tax files (0 = Y-2) states money in 元 instead of 万元; varies with the seed. */
    public int yuanTaxFile() {
        return (int) Math.floorMod(seed, 3L);
    }
}
