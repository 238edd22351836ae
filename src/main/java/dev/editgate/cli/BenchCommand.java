package dev.editgate.cli;

import picocli.CommandLine.Command;

/**
 * {@code editgate bench <name>}: benchmarks that print their figures and a last {@code RESULT}
 * line.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Performance benchmarks; each prints figures and a machine-readable RESULT line.",
        subcommands = {
            BenchRuntimeCommand.class,
            BenchEditsCommand.class,
            BenchScoringCommand.class,
            BenchStatsCommand.class,
            BenchEvalCommand.class,
            BenchDeviceCommand.class
        })
final class BenchCommand {}
