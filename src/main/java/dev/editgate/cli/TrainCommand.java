package dev.editgate.cli;

import picocli.CommandLine.Command;

/** {@code editgate train <method>}: fits what an editing method needs before it can edit. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train an editor's learned part (MEND's hypernetwork).",
        subcommands = {TrainMendCommand.class})
final class TrainCommand {}
