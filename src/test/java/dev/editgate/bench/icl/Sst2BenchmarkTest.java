package dev.editgate.bench.icl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.model.ContinuationScore;
import dev.editgate.model.LanguageModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code sst2}: the label word of higher log-likelihood is the prediction; accuracy over items. */
class Sst2BenchmarkTest {

    @Test
    void predictsTheMoreLikelyLabelWord() {
        Sst2Benchmark b =
                (Sst2Benchmark)
                        new Sst2Provider()
                                .create(
                                        Map.of("dataset", IclFixtures.sst2Small().toString()),
                                        null);
        try (LanguageModel model = IclFixtures.model("llama-gqa")) {
            Score s = b.evaluate(model, EvalContext.none());
            assertThat(s.metric()).isEqualTo("accuracy");
            assertThat(s.items()).hasSize(3);
            List<String> prompts = b.prompts();
            int correct = 0;
            for (int i = 0; i < 3; i++) {
                List<ContinuationScore> ll =
                        model.score(
                                List.of(prompts.get(i), prompts.get(i)),
                                List.of(" negative", " positive"));
                String want = ll.get(1).sum() > ll.get(0).sum() ? "positive" : "negative";
                ItemRecord r = s.items().get(i);
                assertThat(r.prompt()).isEqualTo(prompts.get(i));
                assertThat(r.prediction()).isEqualTo(want);
                correct += r.correct() ? 1 : 0;
                assertThat(r.correct()).isEqualTo(want.equals(r.reference()));
            }
            assertThat(s.items().get(0).reference()).isEqualTo("negative");
            assertThat(s.value()).isEqualTo(correct / 3.0);
        }
    }
}
