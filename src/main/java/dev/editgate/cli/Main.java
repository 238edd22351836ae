package dev.editgate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

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
            MergeCommand.class,
            BisectCommand.class,
            GenerateCommand.class,
            PerplexityCommand.class,
            InitModelCommand.class,
            ExportCommand.class,
            ModelsCommand.class,
            StatsCommand.class,
            BenchCommand.class,
            TrainCommand.class,
            DoctorCommand.class,
            TorchEnvCommand.class
        })
public final class Main implements Callable<Integer> {

    /** Exit code of a usage error (picocli's {@code ExitCode.USAGE}). */
    static final int USAGE = CommandLine.ExitCode.USAGE;

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        Offline.enforce();
        CommandLine line = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine.IParameterExceptionHandler standard = line.getParameterExceptionHandler();
        line.setParameterExceptionHandler((ex, rest) -> unknownVerb(ex, rest, standard));
        return line.execute(args);
    }

    /** Without a verb: the top-level usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("editgate: no verb given");
        spec.commandLine().usage(err);
        return USAGE;
    }

    /**
     * A first argument that is no verb is named before the usage ("editgate: unknown verb
     * 'frobnicate'"); every other parse error keeps picocli's message and its usage-error code.
     */
    private static int unknownVerb(
            CommandLine.ParameterException ex,
            String[] args,
            CommandLine.IParameterExceptionHandler standard)
            throws Exception {
        CommandLine line = ex.getCommandLine();
        if (ex instanceof UnmatchedArgumentException unmatched
                && line.getParent() == null
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            PrintWriter err = line.getErr();
            err.println(
                    "editgate: unknown verb '"
                            + unmatched.getUnmatched().get(0)
                            + "' (verbs: "
                            + String.join(", ", line.getSubcommands().keySet())
                            + ")");
            line.usage(err);
            return USAGE;
        }
        return standard.handleParseException(ex, args);
    }
}
