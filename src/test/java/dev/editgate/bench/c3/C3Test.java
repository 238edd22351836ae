package dev.editgate.bench.c3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.protocol.LetterAnswerBenchmark;
import dev.editgate.testing.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C3Test {

    @Test
    void devFolderIsDialogueAndMixedDev() {
        Path dir = Shared.require("data/c3");
        assertThat(C3Provider.files(dir, "dev"))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("c3-d-dev.json", "c3-m-dev.json");
        LetterAnswerBenchmark b =
                (LetterAnswerBenchmark)
                        new C3Provider().create(Map.of("dataset", dir.toString()), Path.of("."));
        assertThat(b.items()).hasSize(3816);
        assertThat(b.items().get(0).prompt())
                .isEqualTo(
                        "男：听说你们公司要派你去南方工作?女：是呀，虽说那边环境好，待遇也不错，可我还是觉得在家里最好。\n"
                                + "问：他们在谈论什么?\nA. 旅行\nB. 坏境\nC. 工作\nD. 家庭\n"
                                + "请从“A”，“B”，“C”，“D”中进行选择。\n答：");
        assertThat(b.items().get(0).reference()).isEqualTo("C");
        assertThat(b.items().get(0).id()).isEqualTo("47-275/0");
        assertThat(b.items().get(0).prompt())
                .isEqualTo(OpenCompassExpected.prompt("c3").get("prompt").asText());
        assertThat(b.maxNewTokens()).isEqualTo(100);
    }

    @Test
    void readsHuggingFaceLinesAndPadsOptions(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c3.jsonl");
        Files.writeString(
                f,
                "{\"id\":7,\"context\":[\"甲\",\"乙\"],\"question\":\"问？\",\"choice\":[\"对\",\"错\"],\"answer\":\"错\"}\n");
        List<C3Loader.C3Item> items = C3Loader.load(f);
        assertThat(items)
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.content()).isEqualTo("甲乙");
                            assertThat(i.choices()).containsExactly("对", "错", "[NULL]", "[NULL]");
                            assertThat(i.label()).isEqualTo("B");
                        });
    }
}
