package cn.qeregistry.generator;

/**
 * One row as it goes into a feed file. Cells are String (text, also numbers stored as text),
 * BigDecimal/Long/Integer (numeric cells), LocalDate (Excel serial date cells) or null (empty).
 *
 * @param rejectColumn index of the column that makes intake reject the row, -1 for a DUPLICATE row
 *                     (the key repeats with other values), or {@link #CLEAN}
 * @param defect       the defect code for expected-rejects.csv, null when the row is clean
 * @param blankBefore  an empty row precedes it (skipped by intake, but it shifts row numbers)
 */
record SourceRow(Object[] cells, int rejectColumn, String defect, boolean blankBefore) {

    static final int CLEAN = -2;

    static SourceRow clean(Object[] cells, boolean blankBefore) {
        return new SourceRow(cells, CLEAN, null, blankBefore);
    }

    SourceRow rejectedAt(int column, String defectCode) {
        return new SourceRow(cells, column, defectCode, blankBefore);
    }

    SourceRow duplicate() {
        return new SourceRow(cells, -1, "DUPLICATE", blankBefore);
    }

    boolean rejected() {
        return defect != null;
    }
}
