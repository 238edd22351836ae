package dev.editgate.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.editgate.model.nn.Attention;
import dev.editgate.model.nn.HostArrays;
import dev.editgate.model.nn.KvCache;
import dev.editgate.model.nn.LayerContext;
import dev.editgate.model.weights.WeightStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link LanguageModel} over a {@link Decoder}: builds masks and positions, runs the layers
 * with intervention hooks and adaptors, and delegates scoring and generation.
 *
 * <p>Dimensions: B batch, T tokens this pass, S key columns (past + T), V vocabulary.
 */
final class TransformerModel implements LanguageModel {
    private final Path source;
    private final ModelConfig config;
    private final TextTokenizer tokenizer;
    private final NDManager manager;
    private final WeightStore weights;
    private final Decoder decoder;
    private final DataType dtype;
    private final List<Adaptor> adaptors = new CopyOnWriteArrayList<>();
    private final Scoring scoring;
    private final Generation generation;
    private final PrefixPasses prefixPasses;

    TransformerModel(
            Path source,
            ModelConfig config,
            TextTokenizer tokenizer,
            NDManager manager,
            WeightStore weights,
            Decoder decoder,
            DataType dtype) {
        this.source = source;
        this.config = config;
        this.tokenizer = tokenizer;
        this.manager = manager;
        this.weights = weights;
        this.decoder = decoder;
        this.dtype = dtype;
        this.scoring = new Scoring(this);
        this.generation = new Generation(this);
        this.prefixPasses = new PrefixPasses(this);
    }

    Path source() {
        return source;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public WeightStore weights() {
        return weights;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public DataType dtype() {
        return dtype;
    }

    @Override
    public int numLayers() {
        return config.numLayers();
    }

    @Override
    public ForwardResult forward(NDManager scope, TokenBatch batch, Interventions interventions) {
        return pass(scope, Pass.of(batch, interventions));
    }

    @Override
    public ForwardResult forwardFrom(
            NDManager scope,
            TokenBatch batch,
            int layer,
            NDArray input,
            Interventions interventions) {
        if (layer < 0 || layer >= config.numLayers()) {
            throw new IllegalArgumentException(
                    "forwardFrom layer " + layer + " outside [0, " + config.numLayers() + ")");
        }
        Shape want = new Shape(batch.size(), batch.width(), config.hiddenSize());
        if (!input.getShape().equals(want)) {
            throw new IllegalArgumentException(
                    "forwardFrom layer "
                            + layer
                            + ": input shape "
                            + input.getShape()
                            + ", expected "
                            + want
                            + " (batch, tokens, hidden)");
        }
        Set<Site> sites = new java.util.HashSet<>(interventions.sites());
        sites.addAll(interventions.captured());
        for (Site site : sites) {
            if (site.layer() < layer) {
                throw new IllegalArgumentException(
                        "forwardFrom layer "
                                + layer
                                + ": intervention at "
                                + site
                                + " lies below it and would never run");
            }
        }
        return pass(scope, Pass.of(batch, interventions).from(layer, input));
    }

    @Override
    public FrozenPrefix freezePrefix(
            NDManager scope, TokenBatch batch, int layer, NDArray input, int columns) {
        return prefixPasses.freeze(scope, batch, layer, input, columns);
    }

    @Override
    public ForwardResult forwardAfter(
            NDManager scope, FrozenPrefix prefix, Interventions interventions, long[] logitRows) {
        return prefixPasses.after(scope, prefix, interventions, logitRows);
    }

    /** One pass over new tokens; its logits and captures live in {@code scope}. */
    ForwardResult pass(NDManager scope, Pass pass) {
        TokenBatch hookBatch = pass.hookBatch();
        long[][] ids = pass.ids();
        long[][] positions = pass.positions();
        float[][] newMask = pass.newMask();
        KvCache cache = pass.cache();
        Interventions interventions = pass.interventions();
        boolean lastOnly = pass.lastOnly();
        int startLayer = pass.startLayer();
        NDArray start = pass.start();
        int b = ids.length;
        int t = ids[0].length;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                if (ids[i][j] < 0 || ids[i][j] >= config.vocabSize()) {
                    throw new IllegalArgumentException(
                            "token id "
                                    + ids[i][j]
                                    + " outside the vocabulary [0, "
                                    + config.vocabSize()
                                    + ")");
                }
            }
        }
        Map<Site, NDArray> captured = new LinkedHashMap<>();
        try (NDScope ns = new NDScope()) {
            ns.suppressNotUsedWarning();
            NDArray idArr = HostArrays.of(scope, flatten(ids), new Shape(b, t));
            NDArray posArr = HostArrays.of(scope, flatten(positions), new Shape(b, t));
            NDList rope =
                    decoder.rotary() == null
                            ? null
                            : decoder.rotary().tables(scope, positions, dtype);
            float[][] fullMask = cache == null ? newMask : cache.extendMask(newMask);
            int s = fullMask[0].length;
            NDArray mask =
                    HostArrays.of(scope, Attention.causalMask(fullMask, t), new Shape(b, 1, t, s));
            NDArray slidingMask =
                    config.slidingWindow() > 0
                            ? HostArrays.of(
                                    scope,
                                    Attention.causalMask(fullMask, t, config.slidingWindow()),
                                    new Shape(b, 1, t, s))
                            : null;
            NDList localRope =
                    decoder.localRotary() == null
                            ? null
                            : decoder.localRotary().tables(scope, positions, dtype);
            LayerContext.SiteRunner runner =
                    (site, a) -> {
                        for (Adaptor ad : adaptors) {
                            if (ad.site.equals(site)) {
                                a = ad.hook.apply(site, a, hookBatch);
                            }
                        }
                        for (ActivationHook h : interventions.hooksAt(site)) {
                            a = h.apply(site, a, hookBatch);
                        }
                        if (interventions.captures(site)) {
                            captured.put(site, a);
                        }
                        return a;
                    };
            LayerContext ctx = new LayerContext(rope, localRope, mask, slidingMask, cache, runner);
            NDArray x =
                    start != null
                            ? start.toType(dtype, false)
                            : decoder.embed(idArr, posArr); // (B, T, H)
            int end = (int) Math.min(config.numLayers(), interventions.lastLayer() + 1L);
            for (int l = startLayer; l < end; l++) {
                // A layer's intermediates (attention scores above all: B*heads*T*S floats) are
                // freed as
                // soon as the layer is done, so a pass holds one layer's worth, not every layer's.
                // Its
                // output and captured activations move to the pass's scope; autograd keeps what the
                // backward pass needs by its own references.
                try (NDScope layerScope = new NDScope()) {
                    layerScope.suppressNotUsedWarning();
                    x = decoder.layer(l, x, ctx);
                    NDScope.unregister(x);
                    captured.values().forEach(NDScope::unregister);
                }
                NDScope.register(x);
                captured.values().forEach(NDScope::register);
            }
            if (end < config.numLayers()) { // stopped early: no head, no logits
                captured.values().forEach(a -> keep(a, scope));
                return new ForwardResult(null, Map.copyOf(captured));
            }
            if (lastOnly) {
                x = x.get(new NDIndex(":, -1:, :"));
            } else if (pass.logitRows() != null) { // (1, N, H): only the rows a loss reads
                // torch-owned (HostArrays): the row index is saved for the backward pass, and the
                // pass's NDScope closes the array before a caller's backward runs
                long[] r = pass.logitRows();
                NDArray rows = HostArrays.of(scope, r, new Shape(r.length));
                x = x.reshape(-1, x.getShape().get(2)).get(new NDIndex("{}", rows));
                x = x.expandDims(0);
            }
            NDArray logits = decoder.head(x); // (B, T, V)
            if (cache != null) {
                cache.commitMask(fullMask);
            }
            keep(logits, scope);
            captured.values().forEach(a -> keep(a, scope));
            return new ForwardResult(logits, Map.copyOf(captured));
        }
    }

    private static void keep(NDArray a, NDManager scope) {
        NDScope.unregister(a);
        a.attach(scope);
    }

    static long[][] positions(TokenBatch batch, int past) {
        long[][] pos = new long[batch.size()][batch.width()];
        for (int i = 0; i < batch.size(); i++) {
            for (int j = batch.offset(i); j < batch.width(); j++) {
                pos[i][j] = past + j - batch.offset(i);
            }
        }
        return pos;
    }

    static float[][] masks(TokenBatch batch) {
        float[][] m = new float[batch.size()][batch.width()];
        for (int i = 0; i < batch.size(); i++) {
            for (int j = batch.offset(i); j < batch.width(); j++) {
                m[i][j] = 1f;
            }
        }
        return m;
    }

    private static long[] flatten(long[][] a) {
        int w = a[0].length;
        long[] out = new long[a.length * w];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * w, w);
        }
        return out;
    }

    @Override
    public List<ContinuationScore> score(List<String> contexts, List<String> continuations) {
        return scoring.score(contexts, continuations);
    }

    @Override
    public List<ContinuationScore> scoreIds(List<int[]> contexts, List<int[]> continuations) {
        return scoring.scoreIds(contexts, continuations);
    }

    @Override
    public List<String> generate(List<String> prompts, GenerationConfig config) {
        return generation.generate(prompts, config);
    }

    @Override
    public MlpOutput mlpOutput(int layer) {
        return decoder.mlpOutput(layer);
    }

    @Override
    public List<int[]> generateIds(List<int[]> prompts, GenerationConfig config) {
        return generation.generateIds(prompts, config);
    }

    @Override
    public List<int[]> generateIds(
            List<int[]> prompts, GenerationConfig config, PrefixCache prefixes) {
        return generation.generateIds(prompts, config, prefixes);
    }

    @Override
    public Perplexity perplexity(String text, int window, int stride) {
        return scoring.perplexity(text, window, stride);
    }

    @Override
    public AdaptorHandle addAdaptor(Site site, ActivationHook hook) {
        if (site.layer() < 0 || site.layer() >= config.numLayers()) {
            throw new IllegalArgumentException(
                    "adaptor at layer "
                            + site.layer()
                            + ": the model has layers 0.."
                            + (config.numLayers() - 1));
        }
        Adaptor a = new Adaptor(site, hook);
        adaptors.add(a);
        return () -> adaptors.remove(a);
    }

    @Override
    public void clearAdaptors() {
        adaptors.clear();
    }

    @Override
    public int adaptorCount() {
        return adaptors.size();
    }

    @Override
    public void close() {
        tokenizer.close();
        manager.close();
    }

    @Override
    public String toString() {
        return config.modelType() + " model from " + source + " (" + dtype + ", " + device() + ")";
    }

    private static final class Adaptor {
        final Site site;
        final ActivationHook hook;

        Adaptor(Site site, ActivationHook hook) {
            this.site = site;
            this.hook = hook;
        }
    }
}
