package cn.qeregistry.intake.read;

/**
 * One non-blank row as read: cell texts by column (null for an empty cell), its sheet (null for
 * CSV), its 1-based row number as a spreadsheet shows it (CSV: the line the record starts on), and
 * whether the workbook counts dates in the 1904 system (for serial numbers in text cells).
 */
public record RawRow(String sheet, int rowNo, String[] cells, boolean date1904) {

    /** Prefix (a private-use character and '=') of a formula cell saved without its result, followed by the formula. */
    public static final String UNCALCULATED = "\uE000=";

    public String cell(int column) {
        return column >= 0 && column < cells.length ? cells[column] : null;
    }
}
