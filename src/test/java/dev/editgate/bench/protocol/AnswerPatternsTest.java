package dev.editgate.bench.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.OpenCompassExpected;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Letter extraction equals OpenCompass' own post-processors on the table of outputs. */
class AnswerPatternsTest {

    @Test
    void firstCapitalEqualsOpenCompass() {
        SoftAssertions soft = new SoftAssertions();
        for (String tag : new String[] {"study", "head"}) {
            for (JsonNode r : OpenCompassExpected.rows(tag, "first_capital")) {
                soft.assertThat(AnswerPatterns.firstCapital(r.get("output").asText()))
                        .as(tag + " first_capital(%s)", r.get("output"))
                        .isEqualTo(r.get("pred").asText());
            }
        }
        soft.assertAll();
    }

    @Test
    void firstOptionEqualsOpenCompassAtTheStudysCommitAndAtHead() {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode r : OpenCompassExpected.rows("study", "first_option_AB")) {
            soft.assertThat(AnswerPatterns.firstOption(r.get("output").asText(), "AB"))
                    .as("study first_option(%s)", r.get("output"))
                    .isEqualTo(r.get("pred").asText());
        }
        for (JsonNode r : OpenCompassExpected.rows("head", "first_option_AB")) {
            soft.assertThat(AnswerPatterns.firstOptionHead(r.get("output").asText(), "AB"))
                    .as("head first_option(%s)", r.get("output"))
                    .isEqualTo(r.get("pred").asText());
        }
        soft.assertAll();
    }
}
