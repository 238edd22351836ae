package dev.editgate.edit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.editgate.model.ForwardResult;
import dev.editgate.model.FrozenPrefix;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import java.util.Arrays;

/**
 * The forward pass of one value-optimisation step, and where its loss reads the logits.
 *
 * <p>Two ways, the same numbers within float rounding ({@code ValueStepPassTest}):
 *
 * <ul>
 *   <li><b>prefix</b> (the default): the columns before the first fact token of the batch do not
 *       depend on δ (it is added there or later, and attention is causal), so their keys and values
 *       at the edited layer and above are computed once per edit ({@link
 *       LanguageModel#freezePrefix}); each step runs only the columns from the first fact token on,
 *       and the output head only at the target tokens' and the KL token's positions ({@link
 *       LanguageModel#forwardAfter}), instead of every column through the 49k-word head of SmolLM2.
 *   <li><b>plain</b>: every column from the edited layer on ({@link LanguageModel#forwardFrom}),
 *       logits everywhere; used at layer 0, with adaptors installed, or when the system property
 *       {@value #PLAIN_PROPERTY} is {@code true} (to time or check the prefix way against it).
 * </ul>
 */
final class ValueStepPass implements AutoCloseable {
    /** System property: {@code true} runs every step over whole rows, as before. */
    static final String PLAIN_PROPERTY = "editgate.value.plain";

    private final LanguageModel model;
    private final Site site;
    private final ValuePrompts prompts;
    private final NDArray entering;
    private final FrozenPrefix prefix; // null: plain
    private final int[] columns; // where δ is added, in the pass's own columns
    private final long[] logitRows; // null: every column
    private final TargetPositions.Indices targets;
    private final NDArray klIdx;

    private ValueStepPass(
            LanguageModel model,
            Site site,
            ValuePrompts prompts,
            NDArray entering,
            FrozenPrefix prefix,
            int[] columns,
            long[] logitRows,
            TargetPositions.Indices targets,
            NDArray klIdx) {
        this.model = model;
        this.site = site;
        this.prompts = prompts;
        this.entering = entering;
        this.prefix = prefix;
        this.columns = columns;
        this.logitRows = logitRows;
        this.targets = targets;
        this.klIdx = klIdx;
    }

    /**
     * The step pass for {@code prompts}; {@code entering} [B, T, H] is the residual stream entering
     * the site's layer (null at layer 0); {@code plain} forces the plain way.
     */
    static ValueStepPass of(
            LanguageModel model,
            Site site,
            ValuePrompts prompts,
            NDArray entering,
            boolean plain,
            NDManager work) {
        if (!reusesPrefix(model, site, plain) || entering == null) {
            return new ValueStepPass(
                    model,
                    site,
                    prompts,
                    entering,
                    null,
                    prompts.columns(),
                    null,
                    prompts.targets().indices(work),
                    work.create(new long[] {prompts.klRow()}));
        }
        int width = prompts.batch().width();
        int c = Arrays.stream(prompts.columns()).filter(x -> x >= 0).min().orElse(0);
        FrozenPrefix prefix = model.freezePrefix(work, prompts.batch(), site.layer(), entering, c);
        int rest = prefix.width();
        int[] columns = Arrays.stream(prompts.columns()).map(x -> x < 0 ? x : x - c).toArray();
        long[] targetRows = prompts.targets().rows();
        long[] rows = new long[targetRows.length + 1];
        for (int i = 0; i < targetRows.length; i++) {
            rows[i] = shift(targetRows[i], width, c, rest);
        }
        rows[targetRows.length] = shift(prompts.klRow(), width, c, rest);
        long[] order = new long[targetRows.length];
        Arrays.setAll(order, i -> i);
        TargetPositions.Indices targets =
                new TargetPositions.Indices(
                        work.create(order), work.create(prompts.targets().tokens()).reshape(-1, 1));
        return new ValueStepPass(
                model,
                site,
                prompts,
                entering,
                prefix,
                columns,
                rows,
                targets,
                work.create(new long[] {targetRows.length}));
    }

    /** Row {@code b·T + j} of the whole batch as row {@code b·(T − C) + j − C} of the pass. */
    private static long shift(long row, int width, int c, int rest) {
        long b = row / width;
        long j = row % width;
        if (j < c) {
            throw new IllegalStateException("logit column " + j + " lies in the frozen prefix");
        }
        return b * rest + (j - c);
    }

    /** Whether steps at {@code site} run after a frozen prefix ({@code plain}: never). */
    static boolean reusesPrefix(LanguageModel model, Site site, boolean plain) {
        return !plain && site.layer() > 0 && model.adaptorCount() == 0;
    }

    /** Whether steps run after a frozen prefix. */
    boolean reusesPrefix() {
        return prefix != null;
    }

    /**
     * One step's pass with {@code delta} ([D]) added at the fact tokens; with {@code capture} the
     * site's activation is captured too (for {@link #pristine}).
     */
    ForwardResult run(NDManager scope, NDArray delta, boolean capture) {
        Interventions add = Interventions.create().add(site, columns, delta);
        if (capture) {
            add.capture(site);
        }
        if (prefix != null) {
            return model.forwardAfter(scope, prefix, add, logitRows);
        }
        return entering == null
                ? model.forward(scope, prompts.batch(), add)
                : model.forwardFrom(scope, prompts.batch(), site.layer(), entering, add);
    }

    /**
     * v₀ (the site's output at the first rewriting prompt's fact token) and the KL reference (the
     * log-probabilities at the KL prompt's fact token) from a {@link #run} with δ = 0 that captured
     * the site: ROME's {@code compute_v} takes both from its first iteration the same way.
     */
    Pristine pristine(ForwardResult first, NDManager work) {
        NDArray act = first.captured(site); // [B, T', D]
        NDArray value =
                act.get(new NDIndex("0, {}", columns[0]))
                        .stopGradient()
                        .toType(DataType.FLOAT32, false); // [D]
        NDArray logits = first.logits().reshape(-1, first.logits().getShape().get(2));
        NDArray klLogp =
                logits.get(new NDIndex("{}", klIdx))
                        .toType(DataType.FLOAT32, false)
                        .logSoftmax(-1)
                        .stopGradient(); // [1, V]
        value.attach(work);
        klLogp.attach(work);
        return new Pristine(value, klLogp, entering);
    }

    /** The target positions in the logits {@link #run} returns. */
    TargetPositions.Indices targets() {
        return targets;
    }

    /** [1] the KL token's row in the flattened logits {@link #run} returns. */
    NDArray klIdx() {
        return klIdx;
    }

    @Override
    public void close() {
        if (prefix != null) {
            prefix.close();
        }
    }
}
