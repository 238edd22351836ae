package dev.editgate.bench.tydiqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.protocol.GenItem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                .isEqualTo(OpenCompassExpected.prompt("tydiqa-english").get("prompt").asText());
        TydiqaBenchmark all =
                (TydiqaBenchmark)
                        new TydiqaProvider()
                                .create(Map.of("dataset", sample().toString()), Path.of("."));
        for (GenItem i : all.items()) { // each language's own prompt strings, as OpenCompass
            JsonNode oc = OpenCompassExpected.prompt("tydiqa-" + i.group());
            if (oc.path("id").asText().equals(i.id())) {
                assertThat(i.prompt()).as(i.id()).isEqualTo(oc.get("prompt").asText());
            }
        }
        assertThat(all.items()).extracting(GenItem::group).contains("english", "finnish");
        assertThat(all.maxNewTokens()).isEqualTo(100);
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

    @Test
    void f1AndExactMatchEqualOpenCompass() {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode r : OpenCompassExpected.rows("study", "tydiqa")) {
            String out = r.get("output").asText();
            List<String> refs = new ArrayList<>();
            r.get("references").forEach(x -> refs.add(x.asText()));
            String pred = SquadF1.prediction(out);
            soft.assertThat(SquadF1.maxF1(pred, refs))
                    .as("F1 of %s against %s", out, refs)
                    .isCloseTo(r.get("f1").asDouble(), within(1e-9));
            soft.assertThat(refs.stream().anyMatch(x -> SquadF1.exactMatch(pred, x)) ? 1.0 : 0.0)
                    .as("EM of %s against %s", out, refs)
                    .isEqualTo(r.get("exact_match").asDouble());
            for (int k = 1; k < out.length(); k++) {
                if (SquadF1.decided(out.substring(0, k))) {
                    soft.assertThat(SquadF1.maxF1(SquadF1.prediction(out.substring(0, k)), refs))
                            .as("settled after %d chars of %s", k, out)
                            .isEqualTo(SquadF1.maxF1(pred, refs));
                    break;
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void scoreIsMeanOfMaxF1() throws Exception {
        TydiqaBenchmark b =
                (TydiqaBenchmark)
                        new TydiqaProvider()
                                .create(Map.of("dataset", sample().toString()), Path.of("."));
        var score = b.scoreOutputs(List.of("Africa", "the second-oldest lake", "Oulu"));
        assertThat(score.metric()).isEqualTo("f1");
        // OpenCompass lower-cases the prediction but not the reference: "africa" != "Africa"
        assertThat(score.items().get(0).score()).isZero();
        assertThat(score.items().get(1).score())
                .isCloseTo(2 * (1.0 / 2) * 1.0 / (1.0 / 2 + 1.0), within(1e-9));
        double english = (0 + score.items().get(1).score()) / 2;
        assertThat(score.value()).isCloseTo((english + 0) / 2, within(1e-9)); // over languages
        assertThat(score.micro())
                .isCloseTo((0 + score.items().get(1).score() + 0) / 3, within(1e-9));
        GenItem i = b.items().get(0);
        assertThat(i.references()).containsExactly("African", "Africa");
    }
}
