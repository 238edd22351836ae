package dev.editgate.cli;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.ModelExport;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code editgate export}: writes a model as an ordinary Hugging Face folder. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Write a model as a Hugging Face folder.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--dtype", defaultValue = "float32")
    String dtype;

    @Override
    public Integer call() {
        try (LanguageModel lm = Models.load(model, dtype, "cpu")) {
            ModelExport.write(lm, out);
        }
        System.out.println("wrote " + out.toAbsolutePath());
        return 0;
    }
}
