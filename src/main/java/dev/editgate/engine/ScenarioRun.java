package dev.editgate.engine;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemProgress;
import dev.editgate.bench.edits.ParameterDrift;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.scenario.ScenarioSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario while it runs: its editing method and how far along the edit stream the model is.
 * Edits are applied lazily, in batches of {@code batch_size} cut at checkpoints, so a resumed run
 * applies only what its unrecorded checkpoints need.
 */
final class ScenarioRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRun.class);

    final ScenarioSpec spec;
    final String hparamsHash;
    private final SuiteRun suite;
    private final EditMethod method;
    private final PristineLocalitySource pristineLocality;
    private final ProgressListener progress;
    private int applied;
    private List<EditRequest> latest = List.of();
    private RuntimeException broken;
    private final Set<String> changed = new TreeSet<>();

    /**
     * @param hparamsHash what keys this scenario's measurements across runs ({@link HparamsHash})
     */
    ScenarioRun(
            ScenarioSpec spec,
            String hparamsHash,
            SuiteRun suite,
            EditMethod method,
            PristineLocalitySource pristineLocality,
            ProgressListener progress) {
        this.spec = spec;
        this.hparamsHash = hparamsHash;
        this.suite = suite;
        this.method = method;
        this.pristineLocality = pristineLocality;
        this.progress = progress;
    }

    /**
     * Applies edits until {@code target} are in; a failed edit fails this and every later call.
     *
     * @return one edit-log record per batch applied: suite, scenario, method, the batch's first and
     *     last edit (1-based), seconds taken, tensors changed and the method's own figures ({@link
     *     AppliedEdit#details}: losses, update norms, MEMIT's shift reached, GRACE's codebook size)
     */
    List<Map<String, Object>> advanceTo(int target) {
        if (broken != null) {
            throw new IllegalStateException(
                    "scenario "
                            + spec.id()
                            + ": an earlier edit failed,"
                            + " so edit "
                            + target
                            + " cannot be reached",
                    broken);
        }
        if (applied == 0 && target > 0) {
            suite.computePristineLocality(pristineLocality);
        }
        List<Map<String, Object>> log = new ArrayList<>();
        int batchSize = suite.suite.edits().batchSize();
        while (applied < target) {
            int end = Math.min(applied + batchSize, target);
            List<EditRequest> batch = suite.edits.subList(applied, end);
            long start = System.nanoTime();
            try {
                AppliedEdit done = method.apply(suite.model.model(), batch);
                changed.addAll(done.changedTensors());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("suite", suite.suite.id());
                m.put("scenario", spec.id());
                m.put("method", spec.method());
                m.put("first_edit", applied + 1);
                m.put("last_edit", end);
                m.put("seconds", (System.nanoTime() - start) / 1e9);
                m.put("changed_tensors", done.changedTensors());
                m.put("details", new TreeMap<>(done.details()));
                log.add(m);
            } catch (RuntimeException e) {
                broken = e;
                throw new IllegalStateException(
                        spec.method()
                                + " failed on edits "
                                + (applied + 1)
                                + ".."
                                + end
                                + " of scenario "
                                + spec.id()
                                + ": "
                                + e.getMessage(),
                        e);
            }
            applied = end;
            latest = batch;
            LOG.debug(
                    "{}: applied edits ..{} in {} ms",
                    spec.id(),
                    applied,
                    (System.nanoTime() - start) / 1_000_000);
            progress.editsApplied(
                    suite.suite.id() + "/" + spec.id(), applied, target, suite.edits.size());
        }
        return log;
    }

    /**
     * Parameter drift of every tensor the method has changed so far, against the pristine weights:
     * one record per tensor (suite, scenario, method, edits applied, tensor, Pearson correlation,
     * relative Frobenius change). None before the first edit, or for methods that change no tensor
     * (GRACE).
     */
    List<Map<String, Object>> drift() {
        if (applied == 0 || changed.isEmpty()) {
            return List.of();
        }
        List<ParameterDrift.TensorDrift> drift =
                ParameterDrift.measure(
                        suite.model.model().weights(), suite.model.pristine(), changed);
        List<Map<String, Object>> records = new ArrayList<>();
        for (ParameterDrift.TensorDrift d : drift) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("suite", suite.suite.id());
            m.put("scenario", spec.id());
            m.put("method", spec.method());
            m.put("edits_applied", applied);
            m.put("tensor", d.name());
            m.put("pearson", d.pearson());
            m.put("relative_change", d.relativeChange());
            records.add(m);
            LOG.info(
                    "{}/{} after {} edits: {} pearson {} relative change {}",
                    suite.suite.id(),
                    spec.id(),
                    applied,
                    d.name(),
                    d.pearson(),
                    d.relativeChange());
        }
        return records;
    }

    /** What the edit metrics need to know about the edits so far. */
    EvalContext evalContext(ItemProgress progress) {
        List<EditRequest> done = suite.edits.subList(0, applied);
        List<EditRequest> last = latest;
        return new EvalContext() {
            @Override
            public ItemProgress progress() {
                return progress;
            }

            @Override
            public List<EditRequest> appliedEdits() {
                return done;
            }

            @Override
            public List<EditRequest> latestEdits() {
                return last;
            }

            @Override
            public int[] pristineLocalityTokens(int index) {
                return suite.pristineLocalityTokens(index);
            }
        };
    }

    @Override
    public void close() {
        method.close();
    }
}
