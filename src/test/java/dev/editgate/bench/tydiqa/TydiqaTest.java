package dev.editgate.bench.tydiqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.editgate.bench.protocol.GenItem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TydiqaTest {

    static Path sample() throws URISyntaxException {
        return Path.of(
                TydiqaTest.class
                        .getResource("/dev/editgate/bench/tydiqa/goldp-sample.json")
                        .toURI());
    }

    @Test
    void readsThePublishedSquadLayout() throws Exception {
        List<TydiqaLoader.Question> qs = TydiqaLoader.load(sample());
        assertThat(qs)
                .extracting(TydiqaLoader.Question::id)
                .containsExactly("english-101-1", "english-102-1", "finnish-201-1");
        assertThat(qs.get(0).answers()).containsExactly("African", "Africa");
        assertThat(TydiqaLoader.languages(qs)).containsExactly("english", "finnish");
    }

    @Test
    void buildsTheZeroShotPromptAndFiltersLanguages() throws Exception {
        TydiqaBenchmark b =
                (TydiqaBenchmark)
                        new TydiqaProvider()
                                .create(
                                        Map.of(
                                                "dataset",
                                                sample().toString(),
                                                "languages",
                                                "english"),
                                        Path.of("."));
        assertThat(b.items()).hasSize(2);
        assertThat(b.items().get(0).prompt())
                .isEqualTo(
                        "Answer the following question based on the information in"
                                + " the given passage.\n\nPassage:Lake Tanganyika is an African Great Lake. It is the second-oldest"
                                + " freshwater lake in the world.\nQuestion: Which continent is Lake Tanganyika on?\nAnswer: ");
        assertThatThrownBy(
                        () ->
                                new TydiqaProvider()
                                        .create(
                                                Map.of(
                                                        "dataset",
                                                        sample().toString(),
                                                        "languages",
                                                        "thai"),
                                                Path.of(".")))
                .hasMessageContaining("'thai'")
                .hasMessageContaining("english");
    }

    @Test
    void readsHuggingFaceLines(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("goldp.jsonl");
        Files.writeString(
                f,
                "{\"id\":\"swahili-1-1\",\"context\":\"c\",\"question\":\"q\",\"answers\":{\"text\":[\"a\",\"a\"],\"answer_start\":[0,0]}}\n");
        assertThat(TydiqaLoader.load(f))
                .singleElement()
                .satisfies(
                        q -> {
                            assertThat(q.language()).isEqualTo("swahili");
                            assertThat(q.answers()).containsExactly("a");
                        });
    }

    @ParameterizedTest(name = "[{0}] vs [{1}] F1 {2}")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "Africa|Africa|1.0",
                "the Africa.|africa|1.0",
                "in Africa|Africa|0.6666666666666666",
                "Europe|Africa|0.0",
                "''|Africa|0.0",
                "second oldest|second-oldest|0.0",
                "secondoldest|second-oldest|1.0",
            })
    void squadF1(String prediction, String truth, double f1) {
        assertThat(SquadF1.f1(prediction, truth)).isCloseTo(f1, within(1e-9));
    }

    @ParameterizedTest(name = "output [{0}] -> [{1}]")
    @CsvSource(
            delimiter = '|',
            emptyValue = "",
            value = {
                "Africa\\nQuestion: more|africa",
                " The answer: Africa|africa",
                "\\nAfrica|''",
                "  Helsinki.  |helsinki.",
            })
    void predictionIsTheFirstLine(String output, String expected) {
        assertThat(SquadF1.prediction(output.replace("\\n", "\n"))).isEqualTo(expected);
    }

    @Test
    void scoreIsMeanOfMaxF1() throws Exception {
        TydiqaBenchmark b =
                (TydiqaBenchmark)
                        new TydiqaProvider()
                                .create(Map.of("dataset", sample().toString()), Path.of("."));
        var score = b.scoreOutputs(List.of("Africa", "the second-oldest lake", "Oulu"));
        assertThat(score.metric()).isEqualTo("f1");
        assertThat(score.items().get(0).correct()).isTrue();
        assertThat(score.items().get(1).score())
                .isCloseTo(2 * (1.0 / 2) * 1.0 / (1.0 / 2 + 1.0), within(1e-9));
        assertThat(score.value())
                .isCloseTo((1.0 + score.items().get(1).score() + 0) / 3, within(1e-9));
        GenItem i = b.items().get(0);
        assertThat(i.references()).containsExactly("African", "Africa");
    }
}
