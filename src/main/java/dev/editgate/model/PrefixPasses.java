package dev.editgate.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.nn.KvCache;
import java.util.Arrays;
import java.util.Set;

/**
 * {@link LanguageModel#freezePrefix} and {@link LanguageModel#forwardAfter} over {@link
 * TransformerModel#pass}: the frozen columns run once into a {@link KvCache}; each later pass runs
 * the columns after them against a {@link KvCache#continuing view} of it, which leaves the frozen
 * keys and values as they are.
 *
 * <p>Dimensions: B batch, T width, C frozen columns, H hidden.
 */
final class PrefixPasses {
    private final TransformerModel model;

    PrefixPasses(TransformerModel model) {
        this.model = model;
    }

    FrozenPrefix freeze(NDManager scope, TokenBatch batch, int layer, NDArray input, int columns) {
        int layers = model.numLayers();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException(
                    "freezePrefix layer " + layer + " outside [0, " + layers + ")");
        }
        if (columns < 0 || columns >= batch.width()) {
            throw new IllegalArgumentException(
                    "freezePrefix: "
                            + columns
                            + " frozen columns of a batch "
                            + batch.width()
                            + " wide (accepted: 0.."
                            + (batch.width() - 1)
                            + ", at least one column must run)");
        }
        if (model.adaptorCount() > 0) {
            throw new IllegalStateException(
                    "freezePrefix with "
                            + model.adaptorCount()
                            + " adaptor(s) installed: adaptors look at whole rows; use forwardFrom");
        }
        Shape want = new Shape(batch.size(), batch.width(), model.config().hiddenSize());
        if (!input.getShape().equals(want)) {
            throw new IllegalArgumentException(
                    "freezePrefix layer "
                            + layer
                            + ": input shape "
                            + input.getShape()
                            + ", expected "
                            + want
                            + " (batch, tokens, hidden)");
        }
        KvCache cache = new KvCache(scope, layers);
        if (columns > 0) {
            try (NDManager pass = scope.newSubManager()) {
                NDArray head = input.get(new NDIndex(":, :{}, :", columns)).stopGradient();
                Pass p =
                        new Pass(
                                batch,
                                slice(batch.ids(), 0, columns),
                                slice(TransformerModel.positions(batch, 0), 0, columns),
                                slice(TransformerModel.masks(batch), 0, columns),
                                cache,
                                Interventions.none(),
                                true, // logits of the last column only: nobody reads them
                                layer,
                                head,
                                null);
                model.pass(pass, p);
            }
        }
        NDArray rest = input.get(new NDIndex(":, {}:, :", columns)).stopGradient();
        rest.attach(scope);
        return new FrozenPrefix(batch, layer, columns, cache, rest);
    }

    ForwardResult after(
            NDManager scope, FrozenPrefix prefix, Interventions interventions, long[] logitRows) {
        Set<Site> sites = new java.util.HashSet<>(interventions.sites());
        sites.addAll(interventions.captured());
        for (Site site : sites) {
            if (site.layer() < prefix.layer()) {
                throw new IllegalArgumentException(
                        "forwardAfter layer "
                                + prefix.layer()
                                + ": intervention at "
                                + site
                                + " lies below it and would never run");
            }
        }
        TokenBatch batch = prefix.batch();
        int c = prefix.columns();
        int t = batch.width();
        if (logitRows != null) {
            long n = (long) batch.size() * (t - c);
            for (long r : logitRows) {
                if (r < 0 || r >= n) {
                    throw new IndexOutOfBoundsException(
                            "logit row " + r + " outside the pass's " + n + " rows (B·(T − C))");
                }
            }
        }
        Pass p =
                new Pass(
                        restBatch(batch, c),
                        slice(batch.ids(), c, t),
                        slice(TransformerModel.positions(batch, 0), c, t),
                        slice(TransformerModel.masks(batch), c, t),
                        prefix.cache().continuing(scope),
                        interventions,
                        false,
                        prefix.layer(),
                        prefix.rest(),
                        logitRows);
        return model.pass(scope, p);
    }

    /** The batch of columns c..T−1 (rows keep their real tokens there; each has its last). */
    private static TokenBatch restBatch(TokenBatch batch, int c) {
        java.util.List<int[]> rows = new java.util.ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            int from = Math.max(c, batch.offset(b));
            long[] ids = Arrays.copyOfRange(batch.ids()[b], from, batch.width());
            rows.add(Arrays.stream(ids).mapToInt(Math::toIntExact).toArray());
        }
        return TokenBatch.leftPadded(rows, 0);
    }

    private static long[][] slice(long[][] a, int from, int to) {
        long[][] out = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.copyOfRange(a[i], from, to);
        }
        return out;
    }

    private static float[][] slice(float[][] a, int from, int to) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Arrays.copyOfRange(a[i], from, to);
        }
        return out;
    }
}
