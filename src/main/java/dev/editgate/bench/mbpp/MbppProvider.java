package dev.editgate.bench.mbpp;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.Protocol;
import dev.editgate.bench.protocol.ProviderSupport;
import dev.editgate.bench.sandbox.PythonSandbox;
import dev.editgate.bench.sandbox.SandboxLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code mbpp}: settings {@code dataset} (JSON lines), {@code split} ({@code test}: task ids
 * 11-510, the standard evaluation split, when the file has task ids; {@code all}), {@code shots}
 * (0-3), {@code template} ({@code {text}}, {@code {tests}}), {@code max_new_tokens} (512), {@code
 * protocol} ({@code opencompass-2024}: the study's extraction and a 3 s limit; {@code
 * opencompass-head}: head's extraction, type-aware asserts, 10 s), {@code timeout} (seconds per
 * program, default by protocol; the asserts get one second less, as OpenCompass' alarm), {@code
 * memory_mb} (1024), {@code python} (interpreter). {@code test_setup_code} is not run, as in
 * OpenCompass (one task of the test split has any: 367).
 */
public final class MbppProvider extends ProviderSupport {

    public MbppProvider() {
        super(
                "mbpp",
                List.of("split", "max_new_tokens", "timeout", "memory_mb", "python", "protocol"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        Protocol.of(s);
        new PromptTemplate(s.string("template", MbppPrompt.DEFAULT_TEMPLATE))
                .check(List.of("text", "tests"), name());
        s.choice("split", "test", Set.of("test", "all"));
        s.integer("timeout", 3, 2);
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
        for (MbppTask t : sample(s, pool)) {
            items.add(
                    new GenItem(t.id(), prompt.prompt(t), String.join("\n", t.tests()), t.tests()));
        }
        Protocol protocol = Protocol.of(s);
        int timeout = s.integer("timeout", protocol == Protocol.HEAD ? 10 : 3, 2);
        // the wall clock leaves a second for the sandbox to start: the harness' alarm decides
        SandboxLimits base = SandboxLimits.defaults().withTimeout(Duration.ofSeconds(timeout + 1));
        SandboxLimits limits =
                new SandboxLimits(
                        base.timeout(),
                        (long) s.integer("memory_mb", 1024, 64) << 20,
                        base.maxProcesses(),
                        base.maxFileBytes(),
                        base.maxOutputBytes());
        return new MbppBenchmark(
                items,
                new PythonSandbox(s.string("python", null), limits),
                protocol,
                timeout,
                s.integer("max_new_tokens", 512, 1),
                s.integer("batch_size", 8, 1));
    }
}
