package dev.editgate.engine;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemProgress;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.edits.ParameterDrift;
import dev.editgate.edit.AppliedEdit;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.model.weights.WeightStore;
import dev.editgate.scenario.CapabilitySpec;
import dev.editgate.scenario.EditStreamSpec;
import dev.editgate.scenario.ScenarioSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario while it runs: its editing method and how far along the edit stream the model is.
 * Edits are applied lazily, in batches of {@code batch_size} cut at checkpoints, so a resumed run
 * applies only what its unrecorded checkpoints need. With {@code edits.individual:
 * after-each-edit}, every batch is followed by the {@code individual}-scope edit metrics on it
 * ({@link Benchmark#scoresLatestEdits()}), kept for the checkpoints and written to the batch's
 * edit-log line.
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
    private final Map<String, RightAfter> rightAfter = new LinkedHashMap<>();

    /** One capability's scores right after each batch so far, in edit order. */
    private static final class RightAfter {
        String metric;
        boolean higherIsBetter = true;
        final List<ItemRecord> items = new ArrayList<>();
        RuntimeException failure;
        int failedAt;
    }

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
        int batchSize = spec.batchSize(suite.suite.edits().batchSize());
        while (applied < target) {
            int end = Math.min(applied + batchSize, target);
            List<EditRequest> batch = suite.edits.subList(applied, end);
            long start = System.nanoTime();
            Map<String, Object> m = new LinkedHashMap<>();
            try {
                AppliedEdit done = method.apply(suite.model.model(), batch);
                changed.addAll(done.changedTensors());
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
            if (suite.suite.edits().individual() == EditStreamSpec.Individual.AFTER_EACH_EDIT) {
                long scoring = System.nanoTime();
                Map<String, Object> scores = scoreRightAfter();
                if (!scores.isEmpty()) {
                    m.put("individual", scores);
                    m.put("individual_seconds", (System.nanoTime() - scoring) / 1e9);
                }
            }
            progress.editsApplied(
                    suite.suite.id() + "/" + spec.id(), applied, target, suite.edits.size());
        }
        return log;
    }

    /**
     * Scores every {@code individual}-scope capability on the batch just applied and keeps the
     * items for the checkpoints.
     *
     * @return per capability: {@code value} (null when no edit of the batch has the field the
     *     metric needs) and {@code items} (item id → score), or {@code error}
     */
    private Map<String, Object> scoreRightAfter() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (CapabilitySpec c : suite.suite.capabilities()) {
            Benchmark b = suite.createdBenchmark(c.id());
            if (b == null || !b.scoresLatestEdits()) {
                continue;
            }
            RightAfter r = rightAfter.computeIfAbsent(c.id(), k -> new RightAfter());
            if (r.failure != null) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            try {
                Score s = b.evaluate(suite.model.model(), evalContext(ItemProgress.NONE));
                r.metric = s.metric();
                r.higherIsBetter = s.higherIsBetter();
                r.items.addAll(s.items());
                Map<String, Object> items = new LinkedHashMap<>();
                for (ItemRecord i : s.items()) {
                    items.put(i.id(), i.score());
                }
                entry.put("value", Double.isNaN(s.value()) ? null : s.value());
                entry.put("items", items);
            } catch (RuntimeException e) {
                r.failure = e;
                r.failedAt = applied;
                entry.put("error", String.valueOf(e.getMessage()));
                LOG.warn(
                        "{}/{}: {} right after edit {} failed: {}",
                        suite.suite.id(),
                        spec.id(),
                        c.id(),
                        applied,
                        e.toString());
            }
            out.put(c.id(), entry);
        }
        return out;
    }

    /**
     * With {@code edits.individual: after-each-edit}, a capability's score at the current
     * checkpoint: the mean over every edit so far of its score right after its batch, the items
     * those measurements gave. Empty when the suite measures at checkpoints or the capability is
     * not an {@code individual}-scope edit metric.
     *
     * @throws IllegalStateException when a right-after measurement failed
     */
    Optional<Score> rightAfterScore(String capabilityId) {
        if (suite.suite.edits().individual() != EditStreamSpec.Individual.AFTER_EACH_EDIT) {
            return Optional.empty();
        }
        RightAfter r = rightAfter.get(capabilityId);
        if (r == null) {
            return Optional.empty();
        }
        if (r.failure != null) {
            throw new IllegalStateException(
                    capabilityId
                            + ": scoring right after edit "
                            + r.failedAt
                            + " failed: "
                            + r.failure.getMessage(),
                    r.failure);
        }
        double value = r.items.stream().mapToDouble(ItemRecord::score).average().orElse(Double.NaN);
        return Optional.of(new Score(r.metric, value, r.higherIsBetter, r.items));
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

    /** Edits applied so far. */
    int applied() {
        return applied;
    }

    /** The method's name. */
    EditMethod method() {
        return method;
    }

    /**
     * A point of the stream to come back to with {@link #rewind}: from now on, a journal keeps the
     * original of every tensor changed (the touched MLP matrices, not the model). Only for methods
     * whose whole state is the weights ({@link EditMethod#keepsStateInWeights()}).
     */
    Mark mark() {
        if (!method.keepsStateInWeights()) {
            throw new IllegalStateException(
                    spec.method() + " keeps state outside the weights: it cannot be rewound");
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        rightAfter.forEach((k, v) -> sizes.put(k, v.items.size()));
        return new Mark(
                applied,
                latest,
                suite.model.model().weights().journal(),
                new TreeSet<>(changed),
                sizes);
    }

    /** Puts the model and this run back where {@code mark} was taken. */
    void rewind(Mark mark) {
        suite.model.model().weights().restore(mark.journal);
        applied = mark.applied;
        latest = mark.latest;
        changed.retainAll(mark.changed);
        rightAfter.keySet().retainAll(mark.rightAfterSizes.keySet());
        mark.rightAfterSizes.forEach(
                (k, n) -> {
                    List<ItemRecord> items = rightAfter.get(k).items;
                    items.subList(n, items.size()).clear();
                });
    }

    /** A point of the edit stream (see {@link #mark()}); close it to free its journal. */
    static final class Mark implements AutoCloseable {
        final int applied;
        private final List<EditRequest> latest;
        private final WeightStore.Snapshot journal;
        private final Set<String> changed;
        private final Map<String, Integer> rightAfterSizes;

        private Mark(
                int applied,
                List<EditRequest> latest,
                WeightStore.Snapshot journal,
                Set<String> changed,
                Map<String, Integer> rightAfterSizes) {
            this.applied = applied;
            this.latest = latest;
            this.journal = journal;
            this.changed = changed;
            this.rightAfterSizes = rightAfterSizes;
        }

        @Override
        public void close() {
            journal.close();
        }
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
