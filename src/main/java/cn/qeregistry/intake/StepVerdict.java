package cn.qeregistry.intake;

import java.util.List;

/** The exit description of an intake step: failures first (with where to look), then the counts. */
final class StepVerdict {

    private StepVerdict() {
    }

    static String describe(String feed, List<DeliveryStore.Settled> settled) {
        if (settled.isEmpty()) {
            return "intake." + feed + ": no new deliveries";
        }
        StringBuilder out = new StringBuilder();
        List<DeliveryStore.Settled> failed = settled.stream().filter(d -> d.status().equals(DeliveryStore.FAILED)).toList();
        if (!failed.isEmpty()) {
            out.append("intake.").append(feed).append(": ").append(failed.size()).append(" of ").append(settled.size())
                    .append(" deliveries failed — ");
            for (DeliveryStore.Settled d : failed) {
                String message = withoutFileName(d.message(), d.fileName());
                out.append("delivery ").append(d.id()).append(" ").append(d.fileName()).append(": ").append(message).append(". ");
            }
            out.append("Fix the file or mappings/").append(feed).append(".yml, then restart; the file stays in the inbox.\n");
        }
        long read = 0, staged = 0, rejected = 0, repeated = 0, duplicates = 0;
        for (DeliveryStore.Settled d : settled) {
            if (d.status().equals(DeliveryStore.DUPLICATE)) {
                duplicates++;
                continue;
            }
            read += d.read();
            staged += d.staged();
            rejected += d.rejected();
            repeated += d.repeated();
        }
        out.append("intake.").append(feed).append(": ").append(settled.size()).append(" deliveries (")
                .append(duplicates).append(" already taken), rows read ").append(read).append(", staged ").append(staged)
                .append(", rejected ").append(rejected).append(", exact repeats ").append(repeated);
        if (rejected > 0) {
            out.append("; rejects in intake_reject where delivery_id in (")
                    .append(String.join(", ", settled.stream().filter(d -> d.rejected() > 0).map(d -> String.valueOf(d.id())).toList()))
                    .append(")");
        }
        return out.toString();
    }

    /** The message without the file name it starts with ("x.csv: …" or, without a sheet, "x.csv has …"): it is said once. */
    private static String withoutFileName(String message, String fileName) {
        if (message.startsWith(fileName + ": ")) {
            return message.substring(fileName.length() + 2);
        }
        return message.startsWith(fileName + " ") ? message.substring(fileName.length() + 1) : message;
    }
}
