package dev.editgate.bench.mbpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MbppTest {

    @Test
    void readsBothSharedFiles() {
        List<MbppTask> full = MbppLoader.load(Shared.require("data/mbpp/mbpp.jsonl"));
        assertThat(full).hasSize(974);
        assertThat(full.get(0).tests()).hasSize(3);
        List<MbppTask> sanitized =
                MbppLoader.load(Shared.require("data/mbpp/sanitized_test_257_mastts.jsonl"));
        assertThat(sanitized).hasSize(257);
    }

    @Test
    void testSplitAndThreeShotPrompt() {
        MbppBenchmark b =
                (MbppBenchmark)
                        new MbppProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/mbpp/mbpp.jsonl").toString()),
                                        Path.of("."));
        assertThat(b.items()).hasSize(500);
        GenItem first = b.items().get(0);
        assertThat(first.id()).isEqualTo("11");
        assertThat(first.prompt())
                .startsWith(
                        "You are an expert Python programmer, and here is your task: Write a"
                                + " function to find the similar elements from the given two tuple lists. Your code should pass these"
                                + " tests:\n\n assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)\n");
        assertThat(first.prompt())
                .contains("  return (res)' \n[DONE] \n\n \nYou are an expert Python programmer");
        assertThat(first.prompt())
                .endsWith(
                        "here is your task: Write a python function to remove first and last"
                                + " occurrence of a given character from the string. Your code should pass these tests:\n\n"
                                + " assert remove_Occ(\"hello\",\"l\") == \"heo\"\n"
                                + "assert remove_Occ(\"abcda\",\"a\") == \"bcd\"\n"
                                + "assert remove_Occ(\"PHP\",\"P\") == \"H\"  \n\n[BEGIN]\n");
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                " 'def f(x):\\n    return x' \\n[DONE]|def f(x):\\n    return x",
                "[BEGIN]\\n 'def f(x):\\n    return x' \\n[DONE] junk|def f(x):\\n    return x",
                "```python\\ndef f(x):\\n    return x\\n```\\nmore|def f(x):\\n    return x",
                "def f(x):\\n    return x\\n```|''", // OpenCompass' pattern order takes the empty
                // text after the fence
                " 'def f(x):\\n    return x'|def f(x):\\n    return x",
                "def f\\_g(x): return x|def f_g(x): return x",
            })
    void extractsCode(String output, String code) {
        String expected = code.equals("''") ? "" : code.replace("\\n", "\n");
        assertThat(MbppCode.extract(output.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void reference_solutions_pass_and_wrong_or_hostile_code_fails() {
        MbppBenchmark b =
                (MbppBenchmark)
                        new MbppProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                Shared.require("data/mbpp/mbpp.jsonl").toString(),
                                                "limit",
                                                3,
                                                "seed",
                                                5,
                                                "timeout",
                                                3),
                                        Path.of("."));
        String code0 = codeOf(b.items().get(0).id());
        Score s =
                b.scoreOutputs(
                        List.of(
                                " '" + code0 + "' \n",
                                "```python\ndef nothing():\n    pass\n```",
                                " 'while True:\\n    pass' \n"));
        assertThat(s.metric()).isEqualTo("pass@1");
        assertThat(s.items()).extracting(ItemRecord::correct).containsExactly(true, false, false);
        assertThat(s.value()).isEqualTo(1.0 / 3);
    }

    private static String codeOf(String id) {
        return dev.editgate.bench.data.JsonData.readLines(Shared.require("data/mbpp/mbpp.jsonl"))
                .stream()
                .filter(e -> e.node().get("task_id").asText().equals(id))
                .map(e -> e.node().get("code").asText())
                .findFirst()
                .orElseThrow();
    }
}
