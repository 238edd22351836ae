package dev.editgate.bench.icl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sst2 prompt, its demonstrations, the label-word positions and bad input. */
class IclPromptTest {

    @Test
    void promptIsWangEtAlsLayoutWithOneDemonstrationPerLabelInFileOrder() {
        IclSetup setup = IclFixtures.setup(Map.of());
        assertThat(setup.demonstrations())
                .extracting(Sst2Item::id)
                .containsExactly("line2", "line3");
        assertThat(setup.items())
                .extracting(Sst2Item::id)
                .containsExactly("line4", "line5", "line6");
        IclPrompt.Rendered r = setup.prompt().render(setup.demonstrations(), setup.items().get(0));
        assertThat(r.text())
                .isEqualTo(
                        "Review: a gentle , funny film . \nSentiment: positive\n"
                                + "Review: dull and tired . \nSentiment: negative\n"
                                + "Review: so bad it hurts . \nSentiment:");
        assertThat(r.text().substring(r.labelStarts()[0])).startsWith(" positive\n");
        assertThat(r.text().substring(r.labelStarts()[1])).startsWith(" negative\n");
        assertThat(r.labels()).containsExactly(1, 0);
    }

    @Test
    void exemplarsFileKeepsEveryDatasetRecordAndLabelWordsAreSettable() {
        IclSetup setup =
                IclFixtures.setup(
                        Map.of(
                                "exemplars", IclFixtures.sst2Small().toString(),
                                "label_words", List.of("Negative", "Positive"),
                                "shots", 2));
        assertThat(setup.items()).hasSize(5);
        assertThat(setup.demonstrations())
                .extracting(Sst2Item::id)
                .containsExactly("line2", "line3", "line4", "line5");
        assertThat(setup.prompt().labelWords()).containsExactly(" Negative", " Positive");
    }

    @Test
    void labelPositionsAreTheLabelWordsFirstTokens() {
        IclSetup setup = IclFixtures.setup(Map.of());
        try (LanguageModel model = IclFixtures.model("gpt2")) {
            IclPrompt.Rendered r =
                    setup.prompt().render(setup.demonstrations(), setup.items().get(0));
            IclPrompt.Positions p = r.positions(model.tokenizer());
            for (int k = 0; k < 2; k++) {
                int pos = p.labelPositions()[k];
                assertThat(model.tokenizer().decode(java.util.Arrays.copyOf(p.ids(), pos)))
                        .isEqualTo(r.text().substring(0, r.labelStarts()[k]));
                String word = k == 0 ? " positive" : " negative";
                assertThat(word)
                        .startsWith(
                                model.tokenizer()
                                        .decode(
                                                java.util.Arrays.copyOfRange(
                                                        p.ids(), pos, pos + 1)));
            }
            assertThat(p.target()).isEqualTo(p.ids().length - 1);
            int[] labels = setup.prompt().labelTokens(model.tokenizer(), r.text());
            assertThat(labels[0]).isNotEqualTo(labels[1]);
            assertThat(labels[1]).isEqualTo(p.ids()[p.labelPositions()[0]]);
        }
    }

    @Test
    void badSettingsAndFilesAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(
                        () ->
                                new Sst2Provider()
                                        .validate(
                                                Map.of(
                                                        "dataset",
                                                        "x",
                                                        "label_words",
                                                        List.of("a"))))
                .hasMessageContaining("label_words")
                .hasMessageContaining("two words");
        assertThatThrownBy(
                        () ->
                                new Sst2Provider()
                                        .validate(
                                                Map.of(
                                                        "dataset",
                                                        "x",
                                                        "template",
                                                        "{label} {text}")))
                .hasMessageContaining("must end with {label}");
        assertThatThrownBy(
                        () ->
                                new Sst2Provider()
                                        .validate(
                                                Map.of("dataset", "x", "template", "{txt}{label}")))
                .hasMessageContaining("{txt}");
        Path noHeader = Files.writeString(dir.resolve("a.tsv"), "good . \t1\n");
        assertThatThrownBy(() -> Sst2Loader.load(noHeader))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("a.tsv:1")
                .hasMessageContaining("'text'");
        Path badLabel = Files.writeString(dir.resolve("b.tsv"), "sentence\tlabel\ngood . \tpos\n");
        assertThatThrownBy(() -> Sst2Loader.load(badLabel))
                .hasMessageContaining("b.tsv:2")
                .hasMessageContaining("0 (negative) or 1");
        Path onlyPositive =
                Files.writeString(dir.resolve("c.tsv"), "text\tlabel\ngood . \t1\nfine . \t1\n");
        assertThatThrownBy(
                        () ->
                                IclSetup.create(
                                        new BenchSettings(
                                                "sst2", Map.of("dataset", onlyPositive.toString())),
                                        null))
                .hasMessageContaining("0 records of label 0");
    }
}
