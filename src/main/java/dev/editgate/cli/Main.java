package dev.editgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code editgate} command line. Each verb is its own class; add new ones to {@code
 * subcommands} here (and to {@link BenchCommand} for benchmarks).
 */
@Command(
        name = "editgate",
        mixinStandardHelpOptions = true,
        version = "editgate 0.1.0",
        description =
                "Capabilities of a language model as test assertions under sequential editing.",
        subcommands = {
            RunCommand.class,
            ListCommand.class,
            ReportCommand.class,
            GenerateCommand.class,
            PerplexityCommand.class,
            InitModelCommand.class,
            ExportCommand.class,
            ModelsCommand.class,
            StatsCommand.class,
            BenchCommand.class,
            TrainCommand.class
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        Offline.enforce();
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
