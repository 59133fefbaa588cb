package cn.qeregistry.intake.read;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Which sheets of a workbook a feed reads: those matching its pattern in order, else the first visible. */
final class SheetChoice {

    record Sheet(String name, boolean hidden, String ref) {
    }

    private SheetChoice() {
    }

    static List<Sheet> choose(String fileName, List<Sheet> sheets, Pattern pattern) {
        List<Sheet> chosen = new ArrayList<>();
        for (Sheet sheet : sheets) {
            if (pattern == null ? !sheet.hidden() : pattern.matcher(sheet.name()).matches()) {
                chosen.add(sheet);
                if (pattern == null) {
                    break;
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new BadFileException(fileName + ": sheet missing — "
                    + (pattern == null ? "the workbook has no visible sheet" : "no sheet named like '" + pattern.pattern() + "'")
                    + " (sheets: " + sheets.stream().map(s -> s.name() + (s.hidden() ? " [hidden]" : "")).toList() + ")");
        }
        return chosen;
    }
}
