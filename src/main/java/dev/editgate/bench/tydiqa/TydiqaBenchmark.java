package dev.editgate.bench.tydiqa;

import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.GenerativeBenchmark;
import java.util.List;

/** TyDiQA-GoldP, 0-shot GEN: the first line of the output, SQuAD F1 against the best reference. */
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
    protected List<String> stops() {
        return List.of("\n");
    }

    @Override
    protected String metric() {
        return "f1";
    }
}
