package dev.editgate.bench.mbpp;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import dev.editgate.bench.sandbox.PythonSandbox;
import dev.editgate.bench.sandbox.SandboxResult;
import java.util.List;
import java.util.Map;

/**
 * MBPP, 3-shot GEN: the code in the answer runs with the task's asserts in a {@link PythonSandbox};
 * an item passes when the program exits 0 within the time limit. The score is pass@1.
 */
public final class MbppBenchmark extends GenerativeBenchmark {
    private final Map<String, MbppTask> tasks;
    private final PythonSandbox sandbox;

    MbppBenchmark(
            List<GenItem> items,
            Map<String, MbppTask> tasks,
            PythonSandbox sandbox,
            int maxNewTokens,
            int batchSize) {
        super("mbpp", items, maxNewTokens, batchSize);
        this.tasks = Map.copyOf(tasks);
        this.sandbox = sandbox;
    }

    @Override
    public String extract(String output) {
        return MbppCode.extract(output);
    }

    @Override
    public double judge(String code, GenItem item) {
        if (code.isBlank()) {
            return 0;
        }
        SandboxResult r = sandbox.run(tasks.get(item.id()).program(code));
        return r.passed() ? 1 : 0;
    }

    @Override
    protected List<String> stops() {
        return List.of("[DONE]");
    }

    @Override
    protected String metric() {
        return "pass@1";
    }

    /** The sandbox the code runs in (its isolation level is worth reporting). */
    public PythonSandbox sandbox() {
        return sandbox;
    }
}
