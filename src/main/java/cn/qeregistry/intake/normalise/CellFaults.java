package cn.qeregistry.intake.normalise;

import cn.qeregistry.intake.read.RawRow;

import java.util.Set;

/**
 * Cells no field type can take, whatever the column: a spreadsheet error (#N/A, #DIV/0!…), a
 * formula saved without its result, control characters. Left alone they would be staged as text
 * (an enterprise named "#N/A") or silently dropped as empty.
 */
public final class CellFaults {

    private static final Set<String> SPREADSHEET_ERRORS = Set.of("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
            "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!");

    private CellFaults() {
    }

    /** Why the raw cell cannot be taken (completing "COLUMN …"), or null when it is not faulty. */
    public static String of(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith(RawRow.UNCALCULATED)) {
            String formula = raw.substring(RawRow.UNCALCULATED.length());
            return "is a formula" + (formula.isEmpty() ? "" : " (=" + formula + ")") + " saved without its result; "
                    + "open the workbook in Excel or WPS so it calculates, save it and send it again";
        }
        int control = -1;
        boolean hash = false; // every spreadsheet error starts with '#': most cells need no strip()
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '#') {
                hash = true;
            } else if (control < 0 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)) {
                control = i;
            }
        }
        if (hash) {
            String trimmed = raw.strip();
            if (SPREADSHEET_ERRORS.contains(trimmed)) {
                return "holds the spreadsheet error " + trimmed + " (a formula that failed in the department's workbook)";
            }
        }
        if (control >= 0) {
            return String.format("contains the control character U+%04X at position %d", (int) raw.charAt(control), control + 1);
        }
        return null;
    }

    /** The raw cell as it can be stored and shown: NUL (which PostgreSQL text cannot hold) as U+2400 ␀. */
    public static String printable(String raw) {
        return raw == null ? null : raw.replace('\u0000', '\u2400');
    }
}
