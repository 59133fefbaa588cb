package cn.qeregistry.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The command-line contract: each command's name, synopsis, options and one-line purpose. */
public enum CommandSpec {
    RUN("run", "run [JOB] [--date=YYYY-MM-DD] [--feed=FEED] [--rules=FILE]",
            "Run a job (default nightly) for a business date to its end; exit 0 when COMPLETED, 1 when FAILED or STOPPED.",
            "date", "feed", "rules"),
    INGEST("ingest", "ingest --feed=FEED FILE…",
            "Take files into a feed's inbox and run intake for them.",
            "feed", "date"),
    RESTART("restart", "restart EXECUTION_ID",
            "Restart a FAILED or STOPPED execution from its failed step; completed steps are not redone."),
    STOP("stop", "stop EXECUTION_ID",
            "Ask a running execution to stop at its next chunk boundary."),
    RECOVER("recover", "recover EXECUTION_ID | recover --all-orphans",
            "Mark a run left STARTED by a dead process FAILED, so that restart can resume it; refused while its node is alive.",
            "all-orphans"),
    ABANDON("abandon", "abandon EXECUTION_ID",
            "Mark a stopped or failed execution ABANDONED so it is never restarted."),
    STATUS("status", "status [--limit=N]",
            "List recent executions with their steps, counts and exit text.",
            "limit"),
    REPORT("report", "report exceptions|review|master --out=FILE [--format=xlsx|csv] [--lang=zh|en] [--region=CODE] "
            + "[--tier=TIER] [--status=STATUS] [--category=CATEGORY] [--run=EXECUTION_ID] [--compare=FILE]",
            "Write a report of the exception register, the review results or the master record.",
            "out", "format", "lang", "region", "tier", "status", "category", "run", "compare", "date"),
    GENERATE("generate", "generate --out=DIR [--enterprises=N] [--seed=S] [--as-of=YYYY-MM-DD]",
            "Write a synthetic province in the feeds' real formats, with known defects and its ground truth.",
            "out", "enterprises", "seed", "as-of"),
    SCHEDULE("schedule", "schedule list | pause JOB | resume JOB | run-now JOB",
            "Show the schedules, pause or resume one, or fire one now."),
    BENCH("bench", "bench [--enterprises=N] [--work=DIR]",
            "Generate a province, run the full nightly on it and print throughput and memory per stage.",
            "enterprises", "work", "baseline");

    private final String name;
    private final String synopsis;
    private final String purpose;
    private final Set<String> options;

    CommandSpec(String name, String synopsis, String purpose, String... options) {
        this.name = name;
        this.synopsis = synopsis;
        this.purpose = purpose;
        this.options = new LinkedHashSet<>(List.of(options));
        this.options.add("help");
    }

    public String commandName() {
        return name;
    }

    public Set<String> options() {
        return options;
    }

    public String help() {
        return "usage: qe-registry " + synopsis + "\n\n" + purpose + "\n";
    }

    public static Optional<CommandSpec> find(String name) {
        return Arrays.stream(values()).filter(c -> c.name.equals(name)).findFirst();
    }

    public static String overview() {
        StringBuilder out = new StringBuilder("usage: qe-registry [COMMAND] [OPTIONS]\n\n"
                + "With no command: serve the console and run the schedules.\n\nCommands:\n");
        for (CommandSpec spec : values()) {
            out.append(String.format("  %-10s %s%n", spec.name, spec.purpose));
        }
        out.append("\n'qe-registry COMMAND --help' describes one command.\n");
        return out.toString();
    }
}
