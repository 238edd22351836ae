package dev.editgate.bench.csqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.LetterAnswerBenchmark;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsqaTest {

    @Test
    void readsTheSharedHuggingFaceLayout() {
        List<CsqaItem> items =
                CsqaLoader.load(Shared.require("data/commonsenseqa/dev_rand_split.jsonl"));
        assertThat(items).hasSize(1221);
        assertThat(items.get(0).texts())
                .containsExactly("bank", "library", "department store", "mall", "new york");
        assertThat(items.stream().filter(i -> i.answerKey().equals("B")).count()).isEqualTo(255);
    }

    @Test
    void readsTheOriginalNestedLayout(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("dev.jsonl");
        Files.writeString(
                f,
                "{\"answerKey\": \"B\", \"id\": \"q1\", \"question\": {\"question_concept\": \"x\","
                        + " \"choices\": [{\"label\": \"A\", \"text\": \"one\"}, {\"label\": \"B\", \"text\": \"two\"}],"
                        + " \"stem\": \"Which?\"}}\n");
        CsqaItem item = CsqaLoader.load(f).get(0);
        assertThat(item.question()).isEqualTo("Which?");
        assertThat(item.texts()).containsExactly("one", "two");
        assertThat(item.answerKey()).isEqualTo("B");
    }

    @Test
    void unknownAnswerKeyNamesLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("d.jsonl");
        Files.writeString(
                f,
                "\n{\"question\":\"q\",\"choices\":{\"label\":[\"A\"],\"text\":[\"a\"]},\"answerKey\":\"Z\"}\n");
        assertThatThrownBy(() -> CsqaLoader.load(f))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("d.jsonl:2:")
                .hasMessageContaining("'Z'");
    }

    @Test
    void buildsEightShotPromptAndExcludesTheShots() {
        Path file = Shared.require("data/commonsenseqa/dev_rand_split.jsonl");
        LetterAnswerBenchmark b =
                (LetterAnswerBenchmark)
                        new CsqaProvider()
                                .create(
                                        Map.of("dataset", file.toString(), "shots", 1),
                                        Path.of("."));
        assertThat(b.items()).hasSize(1220);
        GenItem first = b.items().get(0);
        assertThat(first.prompt())
                .isEqualTo(
                        "A revolving door is convenient for two direction travel, but it also serves as a security measure at a what?\n"
                                + "A. bank\nB. library\nC. department store\nD. mall\nE. new york\nAnswer:\nA\n"
                                + "What do people aim to do at work?\n"
                                + "A. complete job\nB. learn from each other\nC. kill animals\nD. wear hats\nE. talk to each other\n"
                                + "Answer:");
        assertThat(first.reference()).isEqualTo("A");
        LetterAnswerBenchmark eight =
                (LetterAnswerBenchmark)
                        new CsqaProvider()
                                .create(
                                        Map.of("dataset", file.toString(), "limit", 5, "seed", 1),
                                        Path.of("."));
        assertThat(eight.items()).hasSize(5);
        assertThat(eight.items().get(0).prompt().split("\nAnswer:\n", -1)).hasSize(9);
        LetterAnswerBenchmark all =
                (LetterAnswerBenchmark)
                        new CsqaProvider().create(Map.of("dataset", file.toString()), Path.of("."));
        JsonNode oc = OpenCompassExpected.prompt("commonsenseqa");
        assertThat(all.items().get(0).id()).isEqualTo(oc.get("id").asText());
        assertThat(all.items().get(0).prompt()).isEqualTo(oc.get("prompt").asText());
        assertThat(all.maxNewTokens()).isEqualTo(100);
    }

    @Test
    void scoresOutputsWithFirstCapital() {
        List<GenItem> items =
                List.of(
                        new GenItem("1", "p", "A"),
                        new GenItem("2", "p", "C"),
                        new GenItem("3", "p", "B"));
        LetterAnswerBenchmark b = new LetterAnswerBenchmark("commonsenseqa", items, null, 4, 2);
        var score = b.scoreOutputs(List.of(" A\n", " the answer is C", " nothing"));
        assertThat(score.items()).extracting(r -> r.prediction()).containsExactly("A", "C", "");
        assertThat(score.value()).isEqualTo(2.0 / 3);
    }
}
