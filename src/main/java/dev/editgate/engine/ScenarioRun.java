package dev.editgate.engine;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemProgress;
import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditRequest;
import dev.editgate.scenario.ScenarioSpec;
import java.util.List;
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

    ScenarioRun(ScenarioSpec spec, SuiteRun suite, EditMethod method,
            PristineLocalitySource pristineLocality, ProgressListener progress) {
        this.spec = spec;
        this.hparamsHash = BaselineStore.hash(spec.hparams());
        this.suite = suite;
        this.method = method;
        this.pristineLocality = pristineLocality;
        this.progress = progress;
    }

    int applied() {
        return applied;
    }

    /** Applies edits until {@code target} are in; a failed edit fails this and every later call. */
    void advanceTo(int target) {
        if (broken != null) {
            throw new IllegalStateException("scenario " + spec.id() + ": an earlier edit failed,"
                    + " so edit " + target + " cannot be reached", broken);
        }
        if (applied == 0 && target > 0) {
            suite.computePristineLocality(pristineLocality);
        }
        int batchSize = suite.suite.edits().batchSize();
        while (applied < target) {
            int end = Math.min(applied + batchSize, target);
            List<EditRequest> batch = suite.edits.subList(applied, end);
            long start = System.nanoTime();
            try {
                method.apply(suite.model.model(), batch);
            } catch (RuntimeException e) {
                broken = e;
                throw new IllegalStateException(spec.method() + " failed on edits " + (applied + 1)
                        + ".." + end + " of scenario " + spec.id() + ": " + e.getMessage(), e);
            }
            applied = end;
            latest = batch;
            LOG.debug("{}: applied edits ..{} in {} ms", spec.id(), applied,
                    (System.nanoTime() - start) / 1_000_000);
            progress.editsApplied(suite.suite.id() + "/" + spec.id(), applied, target,
                    suite.edits.size());
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
