package dev.editgate.cli;

import dev.editgate.model.init.RandomInit;
import dev.editgate.model.weights.TensorDType;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code editgate init-model}: a randomly initialised checkpoint of a config, in HF layout. */
@Command(
        name = "init-model",
        mixinStandardHelpOptions = true,
        description =
                "Write a randomly initialised Hugging Face folder (config.json, model.safetensors, tokenizer.json).")
final class InitModelCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            description = "a config.json of a supported model_type")
    Path config;

    @Option(names = "--out", required = true, description = "folder to write")
    Path out;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--dtype",
            defaultValue = "float32",
            description = "float32, float16 or bfloat16")
    String dtype;

    @Override
    public Integer call() {
        TensorDType dt =
                switch (dtype) {
                    case "float32" -> TensorDType.F32;
                    case "float16" -> TensorDType.F16;
                    case "bfloat16" -> TensorDType.BF16;
                    default ->
                            throw new IllegalArgumentException(
                                    "--dtype "
                                            + dtype
                                            + " not understood; accepted: float32, float16, bfloat16");
                };
        RandomInit.create(config, out, seed, dt);
        System.out.println("wrote " + out.toAbsolutePath());
        return 0;
    }
}
