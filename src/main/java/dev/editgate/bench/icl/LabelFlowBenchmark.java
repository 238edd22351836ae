package dev.editgate.bench.icl;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code label-flow}: Wang et al.'s information flow ({@link LabelFlow}) on the {@code sst2}
 * prompts, one forward and backward pass per item. The value is the mean over items of the chosen
 * flow ({@code measure}: {@code S_pq} by default, {@code S_wp}, {@code S_ww}) averaged over {@code
 * layers} (all by default); each item's record keeps every layer's three flows, so a checkpoint's
 * per-layer curves (the study's Figure 8 style) are in its items file.
 */
public final class LabelFlowBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LabelFlowBenchmark.class);

    /** Which flow the value averages. */
    public enum Measure {
        S_WP,
        S_PQ,
        S_WW;

        double of(LabelFlow.Layer l) {
            return switch (this) {
                case S_WP -> l.wp();
                case S_PQ -> l.pq();
                case S_WW -> l.ww();
            };
        }
    }

    private final IclSetup setup;
    private final Measure measure;
    private final List<Integer> layers;

    LabelFlowBenchmark(IclSetup setup, Measure measure, List<Integer> layers) {
        this.setup = setup;
        this.measure = measure;
        this.layers = List.copyOf(layers);
    }

    @Override
    public String name() {
        return "label-flow";
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        for (int l : layers) {
            if (l >= model.numLayers()) {
                throw new IllegalArgumentException(
                        "label-flow: layer " + l + " beyond the model's " + model.numLayers());
            }
        }
        List<Integer> chosen =
                layers.isEmpty()
                        ? java.util.stream.IntStream.range(0, model.numLayers()).boxed().toList()
                        : layers;
        List<ItemRecord> records = new ArrayList<>();
        double[][] sums = new double[model.numLayers()][3];
        List<Sst2Item> items = setup.items();
        for (int i = 0; i < items.size(); i++) {
            Sst2Item item = items.get(i);
            IclPrompt.Rendered r = setup.prompt().render(setup.demonstrations(), item);
            int[] labels = setup.prompt().labelTokens(model.tokenizer(), r.text());
            LabelFlow.Result res =
                    LabelFlow.measure(
                            model, r.positions(model.tokenizer()), labels, item.label(), false);
            double v = 0;
            for (int l : chosen) {
                v += measure.of(res.layers().get(l));
            }
            v /= chosen.size();
            for (int l = 0; l < sums.length; l++) {
                sums[l][0] += res.layers().get(l).wp();
                sums[l][1] += res.layers().get(l).pq();
                sums[l][2] += res.layers().get(l).ww();
            }
            records.add(
                    new ItemRecord(
                            item.id(),
                            r.text(),
                            describe(res.layers()),
                            setup.prompt().labelWords().get(item.label()).strip(),
                            true,
                            v));
            context.progress().scored(i + 1, items.size());
        }
        if (LOG.isInfoEnabled()) {
            StringBuilder b = new StringBuilder();
            for (int l = 0; l < sums.length; l++) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                " L%d wp=%.4g pq=%.4g ww=%.4g",
                                l,
                                sums[l][0] / items.size(),
                                sums[l][1] / items.size(),
                                sums[l][2] / items.size()));
            }
            LOG.info("label-flow over {} items, mean per layer:{}", items.size(), b);
        }
        Score plain = new Score(metric(), 0, true, records);
        return new Score(metric(), plain.micro(), true, records);
    }

    private String metric() {
        return measure.name().charAt(0)
                + "_"
                + measure.name().substring(2).toLowerCase(Locale.ROOT);
    }

    /** Every layer's flows, as {@code wp,pq,ww} triples separated by {@code ;}. */
    static String describe(List<LabelFlow.Layer> layers) {
        StringBuilder b = new StringBuilder();
        for (LabelFlow.Layer l : layers) {
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(String.format(Locale.ROOT, "%.6g,%.6g,%.6g", l.wp(), l.pq(), l.ww()));
        }
        return b.toString();
    }
}
