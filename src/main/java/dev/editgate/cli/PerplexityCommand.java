package dev.editgate.cli;

import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code editgate perplexity}: strided perplexity of a text file. */
@Command(
        name = "perplexity",
        mixinStandardHelpOptions = true,
        description = "Perplexity of a text file (sliding window).")
final class PerplexityCommand implements Callable<Integer> {
    @Option(names = "--model", required = true)
    Path model;

    @Option(names = "--text-file", required = true)
    Path textFile;

    @Option(
            names = "--window",
            defaultValue = "512",
            description = "tokens per window (capped at the model's positions)")
    int window;

    @Option(names = "--stride", defaultValue = "256")
    int stride;

    @Option(names = "--dtype", defaultValue = "float32")
    String dtype;

    @Option(
            names = "--device",
            defaultValue = "auto",
            converter = DeviceConverter.class,
            description = "cpu, cuda, cuda:N or auto (default ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() throws IOException {
        String text = Files.readString(textFile);
        try (LanguageModel lm = Models.load(model, dtype, device)) {
            LanguageModel.Perplexity p = lm.perplexity(text, window, stride);
            System.out.printf(
                    "perplexity %.4f over %d tokens (nll %.2f)%n",
                    p.value(), p.tokens(), p.nllSum());
        }
        return 0;
    }
}
