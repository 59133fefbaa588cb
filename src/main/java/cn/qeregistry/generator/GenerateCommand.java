package cn.qeregistry.generator;

import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code generate --out=DIR [--enterprises=N] [--seed=S] [--as-of=YYYY-MM-DD]}: writes a synthetic
 * province. Runs without the Spring context and without a database, so it is quick and can make
 * the sample province before the application's first start.
 */
public final class GenerateCommand implements Command {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final PrintStream out;
    private final PrintStream err;

    public GenerateCommand() {
        this(System.out, System.err);
        // without Spring nobody configures logging; keep POI's debug chatter off the console
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "cn/qeregistry/generator/generate-logback.xml");
        }
    }

    GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public int run(Arguments arguments) {
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("generate takes no positional arguments, got " + arguments.positional());
        }
        Path dir = Path.of(arguments.required("out"));
        long enterprises = arguments.number("enterprises").orElse(2000L);
        if (enterprises < 1 || enterprises > 10_000_000) {
            throw new UsageException("--enterprises must be within 1..10000000, got " + enterprises);
        }
        long seed = arguments.number("seed").orElse(1L);
        LocalDate asOf = arguments.date("as-of").orElseGet(() -> LocalDate.now(SHANGHAI));
        GeneratorOptions options = GeneratorOptions.of(dir, (int) enterprises, seed, asOf);
        long started = System.nanoTime();
        try {
            ProvinceGenerator.Summary summary = new ProvinceGenerator(options).generate();
            out.printf("generated %d enterprises as of %s (seed %d) into %s in %.1f s: %s, %d review truth lines, "
                            + "%d expected exceptions, %d expected rejects%n",
                    summary.enterprises(), asOf, seed, dir.toAbsolutePath(), (System.nanoTime() - started) / 1e9,
                    summary.scienceFile(), summary.holderReviewLines(), summary.exceptionLines(), summary.rejectLines());
            return OK;
        } catch (IOException e) {
            err.println("qe-registry generate: cannot write " + dir + ": " + e.getMessage());
            return FAILED;
        }
    }
}
