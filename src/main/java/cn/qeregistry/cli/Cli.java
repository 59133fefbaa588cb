package cn.qeregistry.cli;

import cn.qeregistry.QeRegistryApplication;
import cn.qeregistry.generator.GenerateCommand;
import cn.qeregistry.platform.Arguments;
import cn.qeregistry.platform.Command;
import cn.qeregistry.platform.UsageException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry of the executable jar. No command serves the console and the schedules; a command starts
 * the application without web server or scheduler, runs, and returns its exit code.
 */
public final class Cli {

    private final PrintStream out;
    private final PrintStream err;

    public Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err).execute(args);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /** Runs {@code args}; returns the exit code, or -1 when the process keeps serving. */
    public int execute(String... args) {
        if (args.length == 0) {
            serve(args);
            return -1;
        }
        String name = args[0];
        if (List.of("--help", "-h", "help").contains(name)) {
            out.print(CommandSpec.overview());
            return Command.OK;
        }
        var spec = CommandSpec.find(name);
        if (spec.isEmpty()) {
            err.println("qe-registry: unknown command '" + name + "'");
            err.print(CommandSpec.overview());
            return Command.USAGE;
        }
        try {
            Arguments arguments = Arguments.parse(Arrays.asList(args).subList(1, args.length), spec.get().options());
            if (arguments.has("help")) {
                out.print(spec.get().help());
                return Command.OK;
            }
            if (spec.get() == CommandSpec.GENERATE) {
                return new GenerateCommand().run(arguments); // no Spring context, no database
            }
            return runCommand(spec.get(), arguments);
        } catch (UsageException e) {
            err.println("qe-registry " + name + ": " + e.getMessage());
            err.print(spec.get().help());
            return Command.USAGE;
        }
    }

    private int runCommand(CommandSpec spec, Arguments arguments) {
        SpringApplication application = new SpringApplication(QeRegistryApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(
                "spring.quartz.auto-startup", "false",
                "logging.threshold.console", "WARN",
                "spring.main.banner-mode", "off",
                // a failed start is reported in one line by this class; the stack trace goes to the log file only
                "logging.level.org.springframework.boot.SpringApplication", "OFF",
                "qe.mode", "command"));
        try (ConfigurableApplicationContext context = application.run()) {
            Command command = context.getBeansOfType(Command.class).values().stream()
                    .filter(c -> c.name().equals(spec.commandName()))
                    .findFirst()
                    .orElse(null);
            if (command == null) {
                err.println("qe-registry: command '" + spec.commandName() + "' is not available in this build");
                return Command.FAILED;
            }
            return command.run(arguments);
        } catch (UsageException e) {
            throw e;
        } catch (Exception e) {
            err.println("qe-registry " + spec.commandName() + " failed: " + rootMessage(e));
            return Command.FAILED;
        }
    }

    private void serve(String[] args) {
        SpringApplication application = new SpringApplication(QeRegistryApplication.class);
        application.setDefaultProperties(Map.of("qe.mode", "serve"));
        application.run(args);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + cause.getMessage() + ")";
    }
}
