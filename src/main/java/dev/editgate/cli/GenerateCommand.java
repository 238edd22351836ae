package dev.editgate.cli;

import dev.editgate.model.GenerationConfig;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code editgate generate}: prints only the generated text. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate text after a prompt.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Hugging Face model folder")
    Path model;

    @Option(
            names = "--prompt",
            defaultValue = "",
            description = "prompt text (default: empty, the model starts from BOS)")
    String prompt;

    @Option(names = "--max-new-tokens", defaultValue = "64")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default)")
    double temperature;

    @Option(names = "--top-p", defaultValue = "1.0")
    double topP;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--stop", description = "stop string (repeatable)")
    List<String> stop = List.of();

    @Option(names = "--dtype", defaultValue = "float32")
    String dtype;

    @Option(
            names = "--device",
            defaultValue = "auto",
            converter = DeviceConverter.class,
            description = "cpu, cuda, cuda:N or auto (default ${DEFAULT-VALUE})")
    String device;

    @Override
    public Integer call() {
        try (LanguageModel lm = Models.load(model, dtype, device)) {
            GenerationConfig cfg =
                    new GenerationConfig(maxNewTokens, temperature, topP, seed, stop);
            System.out.println(lm.generate(List.of(prompt), cfg).get(0));
        }
        return 0;
    }
}
