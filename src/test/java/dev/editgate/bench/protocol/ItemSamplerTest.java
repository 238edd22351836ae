package dev.editgate.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ItemSamplerTest {
    private final List<Integer> items = IntStream.range(0, 100).boxed().toList();

    @Test
    void sameSeedSameSampleInDatasetOrder() {
        List<Integer> a = ItemSampler.sample(items, 10, 3);
        assertThat(a)
                .hasSize(10)
                .isSorted()
                .doesNotHaveDuplicates()
                .isEqualTo(ItemSampler.sample(items, 10, 3));
        assertThat(ItemSampler.sample(items, 10, 4)).isNotEqualTo(a);
    }

    @Test
    void noLimitKeepsEverything() {
        assertThat(ItemSampler.sample(items, 0, 1)).isEqualTo(items);
        assertThat(ItemSampler.sample(items, 500, 1)).isEqualTo(items);
    }

    @Test
    void templateKeepsLatexBracesAndRejectsUnknownFields() {
        PromptTemplate t = new PromptTemplate("$\\boxed{16}$ {problem}\\frac{1}{x+1}");
        assertThat(t.render(Map.of("problem", "x{y}")))
                .isEqualTo("$\\boxed{16}$ x{y}\\frac{1}{x+1}");
        assertThatThrownBy(() -> new PromptTemplate("{nope}").render(Map.of("problem", "")))
                .hasMessageContaining("{nope}")
                .hasMessageContaining("problem");
    }

    @Test
    void settingsErrorsNameKeyValueAndAccepted() {
        BenchSettings s = new BenchSettings("mmlu", Map.of("limit", "ten", "shots", -1));
        assertThatThrownBy(() -> s.integer("limit", 0, 0))
                .hasMessage(
                        "mmlu: setting 'limit' = 'ten' is not accepted; expected an integer >= 0");
        assertThatThrownBy(() -> s.integer("shots", 0, 0)).hasMessageContaining("'shots' = '-1'");
        assertThat(new BenchSettings("x", Map.of("subjects", "a, b")).strings("subjects"))
                .containsExactly("a", "b");
    }
}
