package dev.editgate.bench.mbpp;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import dev.editgate.bench.sandbox.PythonSandbox;
import dev.editgate.bench.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mbpp}: settings {@code dataset} (JSON lines), {@code split} ({@code test}: task ids
 * 11-510, the standard evaluation split, when the file has task ids; {@code all}), {@code shots}
 * (0-3), {@code template} ({@code {text}}, {@code {tests}}), {@code max_new_tokens} (512), {@code
 * timeout} (seconds per program, 10), {@code memory_mb} (1024), {@code python} (interpreter).
 */
public final class MbppProvider extends ProviderSupport {

    public MbppProvider() {
        super("mbpp", List.of("split", "max_new_tokens", "timeout", "memory_mb", "python"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        new PromptTemplate(s.string("template", MbppPrompt.DEFAULT_TEMPLATE))
                .check(List.of("text", "tests"), name());
        s.choice("split", "test", Set.of("test", "all"));
        s.integer("timeout", 10, 1);
        s.integer("memory_mb", 1024, 64);
        if (s.integer("shots", 3, 0) > 3) {
            throw new IllegalArgumentException(
                    "mbpp: setting 'shots' = '"
                            + s.integer("shots", 3, 0)
                            + "' is not accepted; expected 0 to 3");
        }
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        List<MbppTask> all = MbppLoader.load(s.path("dataset", baseDir, null));
        boolean testSplit = s.string("split", "test").equals("test");
        List<MbppTask> pool = new ArrayList<>();
        for (MbppTask t : all) {
            if (!testSplit || t.taskId() < 0 || (t.taskId() >= 11 && t.taskId() <= 510)) {
                pool.add(t);
            }
        }
        MbppPrompt prompt = new MbppPrompt(s.string("template", null), s.integer("shots", 3, 0));
        List<GenItem> items = new ArrayList<>();
        Map<String, MbppTask> byId = new HashMap<>();
        for (MbppTask t : sample(s, pool)) {
            items.add(
                    new GenItem(t.id(), prompt.prompt(t), String.join("\n", t.tests()), t.tests()));
            byId.put(t.id(), t);
        }
        SandboxLimits limits =
                SandboxLimits.defaults()
                        .withTimeout(Duration.ofSeconds(s.integer("timeout", 10, 1)));
        limits =
                new SandboxLimits(
                        limits.timeout(),
                        (long) s.integer("memory_mb", 1024, 64) << 20,
                        limits.maxProcesses(),
                        limits.maxFileBytes(),
                        limits.maxOutputBytes());
        return new MbppBenchmark(
                items,
                byId,
                new PythonSandbox(s.string("python", null), limits),
                s.integer("max_new_tokens", 512, 1),
                s.integer("batch_size", 8, 1));
    }
}
