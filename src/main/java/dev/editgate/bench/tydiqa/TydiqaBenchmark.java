package dev.editgate.bench.tydiqa;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import java.util.List;
import java.util.function.Predicate;

/**
 * TyDiQA-GoldP, 0-shot GEN ({@code tydiqa_gen_978d2a}): the output's first line, lower-cased,
 * scored with OpenCompass' F1 against the best reference. The score is the mean over languages of
 * their mean F1, as OpenCompass' {@code tydiqa-goldp} summary; the micro mean is kept beside it.
 */
final class TydiqaBenchmark extends GenerativeBenchmark {

    TydiqaBenchmark(List<GenItem> items, int maxNewTokens, int batchSize) {
        super("tydiqa", items, maxNewTokens, batchSize);
    }

    @Override
    public String extract(String output) {
        return SquadF1.prediction(output);
    }

    @Override
    public double judge(String prediction, GenItem item) {
        return SquadF1.maxF1(prediction, item.references());
    }

    @Override
    protected Predicate<String> decided() {
        return SquadF1::decided;
    }

    @Override
    protected String metric() {
        return "f1";
    }
}
