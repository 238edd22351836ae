package dev.editgate.bench.icl;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code label-flow}: the {@code sst2} settings ({@link IclSetup}) plus {@code measure} ({@code
 * S_pq}, {@code S_wp}, {@code S_ww}) and {@code layers} (the layers the value averages: a list or
 * {@code "a-b"}; default all).
 */
public final class LabelFlowProvider extends ProviderSupport {
    static final Map<String, LabelFlowBenchmark.Measure> MEASURES =
            Map.of(
                    "S_wp", LabelFlowBenchmark.Measure.S_WP,
                    "S_pq", LabelFlowBenchmark.Measure.S_PQ,
                    "S_ww", LabelFlowBenchmark.Measure.S_WW);

    public LabelFlowProvider() {
        super("label-flow", List.of("exemplars", "label_words", "measure", "layers"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        IclSetup.validate(s);
        s.choice("measure", "S_pq", MEASURES.keySet());
        layers(s);
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        return new LabelFlowBenchmark(
                IclSetup.create(s, baseDir),
                MEASURES.get(s.choice("measure", "S_pq", MEASURES.keySet())),
                layers(s));
    }

    static List<Integer> layers(BenchSettings s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.strings("layers")) {
            try {
                int dash = part.indexOf('-');
                if (dash > 0) {
                    int a = Integer.parseInt(part.substring(0, dash).trim());
                    int b = Integer.parseInt(part.substring(dash + 1).trim());
                    if (a < 0 || b < a) {
                        throw new NumberFormatException();
                    }
                    for (int l = a; l <= b; l++) {
                        out.add(l);
                    }
                } else {
                    int l = Integer.parseInt(part);
                    if (l < 0) {
                        throw new NumberFormatException();
                    }
                    out.add(l);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "label-flow: setting 'layers' has '"
                                + part
                                + "'; expected layer numbers >= 0 or ranges such as 10-20");
            }
        }
        return List.copyOf(Set.copyOf(out).stream().sorted().toList());
    }
}
