package dev.editgate.engine;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.edit.EditRequest;
import dev.editgate.report.RunDirectory;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.ModelSpec;
import dev.editgate.scenario.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One suite while it runs: its shared model, its edit stream, one benchmark per capability and the
 * baselines measured on the pristine model before any scenario edits it.
 */
final class SuiteRun {
    private static final Logger LOG = LoggerFactory.getLogger(SuiteRun.class);

    final Suite suite;
    final ModelSpec spec;
    final PooledModel model;
    final List<EditRequest> edits;
    private final Map<String, Benchmark> benchmarks = new HashMap<>();
    private final Map<String, BaselineStore.Baseline> baselines = new HashMap<>();
    private final Map<String, RuntimeException> failures = new HashMap<>();
    private List<int[]> pristineLocality;
    private boolean pristineLocalityTried;

    private SuiteRun(Suite suite, ModelSpec spec, PooledModel model, List<EditRequest> edits) {
        this.suite = suite;
        this.spec = spec;
        this.model = model;
        this.edits = edits;
    }

    /** {@link #start(Suite, ModelSpec, RunState, Collection)} on the suite's model. */
    static SuiteRun start(Suite suite, RunState run, Collection<CapabilitySpec> capabilities) {
        return start(suite, suite.model(), run, capabilities);
    }

    /**
     * Loads (or shares) {@code spec}'s model, reads the edits, creates the benchmarks of {@code
     * capabilities} and their baselines on that model. A benchmark that cannot be created or scored
     * on the pristine model fails its own tests, not the suite.
     */
    static SuiteRun start(
            Suite suite, ModelSpec spec, RunState run, Collection<CapabilitySpec> capabilities) {
        List<EditRequest> edits = readEdits(suite, run.services.editLoader());
        PooledModel model = run.models.acquire(spec);
        model.resetToPristine();
        SuiteRun s = new SuiteRun(suite, spec, model, edits);
        for (CapabilitySpec c : capabilities) {
            try {
                Benchmark b =
                        run.catalog.benchmark(c.benchmark()).create(c.settings(), suite.baseDir());
                s.benchmarks.put(c.id(), b);
                String path = suite.id() + "/(baseline)/" + c.id();
                ProgressListener progress = run.services.progress();
                BaselineStore.Baseline baseline =
                        run.baselines.get(
                                model.pristineHash(),
                                c,
                                () -> {
                                    progress.scoring(path);
                                    return b.evaluate(
                                            model.model(),
                                            EvalContext.none(
                                                    (done, total) ->
                                                            progress.itemsScored(
                                                                    path, done, total)));
                                });
                s.baselines.put(c.id(), baseline);
                copyBaselineItems(baseline, run.config.runDirectory(), suite.id(), c.id());
            } catch (RuntimeException e) {
                LOG.warn(
                        "suite {}: capability {} ({}) has no baseline: {}",
                        suite.id(),
                        c.id(),
                        c.benchmark(),
                        e.toString());
                s.failures.put(c.id(), e);
            }
        }
        return s;
    }

    /** The baseline's items into this run's report, beside the scenarios' items. */
    private static void copyBaselineItems(
            BaselineStore.Baseline baseline, RunDirectory run, String suite, String capability) {
        if (baseline.items() == null) {
            LOG.info("suite {}: the cached baseline of {} has no item records", suite, capability);
            return;
        }
        Path to = run.baselineItems(suite, capability);
        try {
            Files.createDirectories(to.getParent());
            Files.copy(baseline.items(), to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn(
                    "suite {}: baseline items of {} not written to {}: {}",
                    suite,
                    capability,
                    to,
                    e.toString());
        }
    }

    private static List<EditRequest> readEdits(Suite suite, EditStreamLoader loader) {
        List<EditRequest> all =
                new ArrayList<>(loader.load(suite.edits().dataset(), suite.edits().format()));
        if (suite.edits().seed() != null) {
            Collections.shuffle(all, new Random(suite.edits().seed()));
        }
        if (all.size() < suite.edits().take()) {
            throw new IllegalStateException(
                    suite.file()
                            + ": edits.take = "
                            + suite.edits().take()
                            + " but "
                            + suite.edits().dataset()
                            + " holds only "
                            + all.size()
                            + " records (accepted: take ≤ "
                            + all.size()
                            + ")");
        }
        return List.copyOf(all.subList(0, suite.edits().take()));
    }

    /** The capability's benchmark; rethrows why it could not be created. */
    Benchmark benchmark(String capabilityId) {
        Benchmark b = benchmarks.get(capabilityId);
        if (b == null) {
            throw new IllegalStateException(
                    "capability " + capabilityId + ": the benchmark could not be created",
                    failures.get(capabilityId));
        }
        return b;
    }

    /** The capability's benchmark, or null when it could not be created. */
    Benchmark createdBenchmark(String capabilityId) {
        return benchmarks.get(capabilityId);
    }

    /** The capability's baseline, or null when the pristine model could not be scored. */
    BaselineStore.Baseline baseline(String capabilityId) {
        return baselines.get(capabilityId);
    }

    /** Why the capability has no baseline, or null. */
    RuntimeException baselineFailure(String capabilityId) {
        return failures.get(capabilityId);
    }

    /** Computes pristine locality tokens once; call only while the model is pristine. */
    void computePristineLocality(PristineLocalitySource source) {
        if (!pristineLocalityTried) {
            pristineLocalityTried = true;
            pristineLocality = source.compute(model.model(), edits).orElse(null);
        }
    }

    int[] pristineLocalityTokens(int index) {
        if (pristineLocality == null) {
            throw new IllegalStateException(
                    "suite "
                            + suite.id()
                            + ": no pristine locality tokens"
                            + " (dev.editgate.bench.edits.PristineLocality is not on the class path)");
        }
        return pristineLocality.get(index);
    }
}
