package dev.editgate.bench.mmlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.Stories260k;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.model.LanguageModel;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmluTest {

    @Test
    void readsTheSharedCopyWithHeader() {
        Path root = Shared.require("data/mmlu");
        MmluLoader loader = new MmluLoader("auto");
        Map<String, List<MmluItem>> test = loader.load(root, "test");
        Map<String, List<MmluItem>> dev = loader.load(root, "dev");
        assertThat(test).hasSize(57);
        assertThat(test.values().stream().mapToInt(List::size).sum()).isEqualTo(14042);
        assertThat(dev.values().stream().mapToInt(List::size).sum()).isEqualTo(285);
        MmluItem first = test.get("anatomy").get(0);
        assertThat(first.question()).startsWith("A lesion causing compression of the facial nerve");
        assertThat(first.choices().get(2))
                .isEqualTo("paralysis of the facial muscles, loss of taste and lacrimation.");
        assertThat(first.answer()).isZero();
    }

    @Test
    void readsOriginalHeaderlessCsvWithLetters(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("test"));
        Files.writeString(
                dir.resolve("test/algebra_test.csv"),
                "\"What is 1+1, really?\",1,2,3,4,B\n\"Multi\nline\",a,b,c,d,D\n");
        List<MmluItem> items = new MmluLoader("auto").load(dir, "test").get("algebra");
        assertThat(items).extracting(MmluItem::answer).containsExactly(1, 3);
        assertThat(items.get(0).question()).isEqualTo("What is 1+1, really?");
        assertThat(items.get(1).question()).isEqualTo("Multi\nline");
    }

    @Test
    void readsHuggingFaceJsonl(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("test"));
        Files.writeString(
                dir.resolve("test/astronomy_test.jsonl"),
                "{\"question\":\"Q?\",\"subject\":\"astronomy\",\"choices\":[\"a\",\"b\",\"c\",\"d\"],\"answer\":2}\n");
        List<MmluItem> items = new MmluLoader("auto").load(dir, "test").get("astronomy");
        assertThat(items)
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.answer()).isEqualTo(2);
                            assertThat(i.choices()).containsExactly("a", "b", "c", "d");
                        });
    }

    @Test
    void badAnswerNamesFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("test"));
        Files.writeString(dir.resolve("test/x_test.csv"), "q,a,b,c,d,A\nq2,a,b,c,d,E\n");
        assertThatThrownBy(() -> new MmluLoader("auto").load(dir, "test"))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("x_test.csv:2:")
                .hasMessageContaining("letter A-D");
    }

    @Test
    void buildsTheOpenCompassPromptExactly() {
        MmluItem shot =
                new MmluItem(
                        "s", "college_biology", "Which is a cell?", List.of("a", "b", "c", "d"), 1);
        MmluItem item =
                new MmluItem(
                        "t", "college_biology", "What is DNA?  ", List.of("w", "x", "y", "z"), 3);
        String context = new MmluPrompt(null, null).context(item, List.of(shot, shot));
        assertThat(context)
                .isEqualTo(
                        "The following are multiple choice questions (with answers) about  college biology.\n\n"
                                + "Which is a cell?\nA. a\nB. b\nC. c\nD. d\nAnswer: B\n\n"
                                + "Which is a cell?\nA. a\nB. b\nC. c\nD. d\nAnswer: B\n\n"
                                + "What is DNA?  \nA. w\nB. x\nC. y\nD. z\nAnswer:");
        assertThat(MmluPrompt.continuation(2)).isEqualTo(" C");
    }

    @Test
    void providerBuildsSeededFiveShotPromptsFromTheSharedFiles() {
        Path root = Shared.require("data/mmlu");
        Map<String, Object> settings =
                Map.of(
                        "dataset",
                        root.toString(),
                        "subjects",
                        List.of("anatomy"),
                        "limit",
                        3,
                        "seed",
                        7);
        MmluBenchmark a = (MmluBenchmark) new MmluProvider().create(settings, Path.of("."));
        MmluBenchmark b = (MmluBenchmark) new MmluProvider().create(settings, Path.of("."));
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.contexts()).isEqualTo(b.contexts());
        String c = a.contexts().get(0);
        assertThat(c)
                .startsWith(
                        "The following are multiple choice questions (with answers) about  anatomy.\n\n"
                                + "What is the embryological origin of the hyoid bone?\nA. The first pharyngeal arch\n");
        assertThat(c.split("\nAnswer: ", -1))
                .hasSize(6); // five answered shots, then the open question
        assertThat(c).endsWith("\nAnswer:");
    }

    @Test
    void promptsEqualOpenCompassAndWholeExemplarsDropToFitTheWindow() {
        Path root = Shared.require("data/mmlu");
        JsonNode oc = OpenCompassExpected.prompt("mmlu").get("items");
        try (LanguageModel model = Stories260k.load()) {
            for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) oc::fields) {
                String[] id = e.getKey().split("/");
                MmluBenchmark b =
                        (MmluBenchmark)
                                new MmluProvider()
                                        .create(
                                                Map.of(
                                                        "dataset",
                                                        root.toString(),
                                                        "subjects",
                                                        List.of(id[0])),
                                                Path.of("."));
                int i = Integer.parseInt(id[2]);
                int window = e.getValue().get("window").asInt();
                String context = b.contexts(model.tokenizer(), window).get(i);
                for (int o = 0; o < 4; o++) {
                    assertThat(context + MmluPrompt.continuation(o))
                            .as(e.getKey() + " option " + o + " in a window of " + window)
                            .isEqualTo(e.getValue().get("prompts").get(o).asText());
                }
            }
        }
    }

    /**
     * OpenCompass' PPL inferencer picks the option of lowest perplexity, the first on ties; the
     * ranking here picks the highest log-likelihood, the first on ties. Over the 30 questions of
     * the table (the four prompts differ only in the option, so lower perplexity is higher
     * likelihood) the picks are the same.
     */
    @Test
    void optionChoiceEqualsOpenCompassIncludingTies() {
        for (JsonNode r : OpenCompassExpected.load("study").path("prompts").path("mmlu_ppl")) {
            double[] ll = new double[4];
            for (int o = 0; o < 4; o++) {
                ll[o] = -r.get("ppl").get(o).asDouble();
            }
            assertThat(String.valueOf("ABCD".charAt(ChoiceRanking.argmax(ll))))
                    .as(r.toString())
                    .isEqualTo(r.get("pred").asText());
        }
        assertThat(OpenCompassExpected.load("study").path("prompts").path("mmlu_ppl").size())
                .isEqualTo(30);
    }

    @Test
    void validationNamesKeyAndAcceptedValues() {
        MmluProvider p = new MmluProvider();
        assertThatThrownBy(() -> p.validate(Map.of("dataset", "x", "scoring", "fast")))
                .hasMessageContaining("'scoring'")
                .hasMessageContaining("plain");
        assertThatThrownBy(() -> p.validate(Map.of("dataset", "x", "limt", 3)))
                .hasMessageContaining("unknown setting 'limt'");
        assertThatThrownBy(() -> p.validate(Map.of("template", "{question} {E}")))
                .hasMessageContaining("{E}");
    }
}
