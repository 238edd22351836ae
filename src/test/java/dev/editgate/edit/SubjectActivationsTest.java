package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.editgate.model.Interventions;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Site;
import dev.editgate.model.TokenBatch;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SubjectActivations#at} stops the pass after the site's layer (no layer above it, no head);
 * what it returns is, bit for bit, the activation a whole pass captures at the subject's last
 * token.
 */
class SubjectActivationsTest {
    @ParameterizedTest
    @CsvSource({"llama-gqa-3l, 0", "llama-gqa-3l, 1", "gpt2, 0", "gpt2, 1"})
    void theActivationAtTheSubjectIsTheWholePassOne(String fixture, int layer) {
        ReferenceOutputs ref = ReferenceOutputs.read(fixture);
        EditRequest request = ReferenceOutputs.request(ref.root.get("rome").get("request"));
        List<String> texts =
                List.of(request.prompt(), "The city of light. " + request.prompt() + " It was");
        List<String> subjects = List.of(request.subject(), request.subject());
        try (LanguageModel model = ref.load();
                NDManager m = model.manager().newSubManager()) {
            var tok = model.tokenizer();
            for (Site site : List.of(Site.mlpKey(layer), Site.mlpOut(layer))) {
                NDArray got = SubjectActivations.at(model, site, texts, subjects, m); // [2, D]
                TokenBatch batch =
                        TokenBatch.leftPadded(
                                List.of(tok.encode(texts.get(0)), tok.encode(texts.get(1))),
                                tok.padId());
                NDArray whole =
                        model.forward(m, batch, Interventions.create().capture(site))
                                .captured(site); // [2, T, D]
                for (int i = 0; i < 2; i++) {
                    int last = FactToken.SUBJECT_LAST.index(tok, texts.get(i), subjects.get(i));
                    NDArray want = whole.get(new NDIndex("{}, {}", i, batch.column(i, last)));
                    assertThat(got.get(i).toFloatArray())
                            .as("%s %s text %d", fixture, site, i)
                            .containsExactly(want.toFloatArray());
                }
            }
        }
    }
}
