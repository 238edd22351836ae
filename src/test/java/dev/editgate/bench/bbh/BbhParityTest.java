package dev.editgate.bench.bbh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.editgate.bench.OpenCompassExpected;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.Protocol;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** BBH answers and verdicts equal OpenCompass' on the table of outputs, at both commits. */
class BbhParityTest {

    @Test
    void verdictsEqualOpenCompass() {
        SoftAssertions soft = new SoftAssertions();
        for (Protocol p : Protocol.values()) {
            String tag = p == Protocol.HEAD ? "head" : "study";
            for (JsonNode r : OpenCompassExpected.rows(tag, "bbh")) {
                boolean mc = r.get("kind").asText().equals("mc");
                String task = mc ? "date_understanding" : "object_counting";
                String target = r.get("target").asText();
                String ref = mc ? BbhAnswers.multipleChoice(target) : target;
                GenItem item = new GenItem(task + "/0", "", ref).inGroup(task);
                BbhBenchmark b = new BbhBenchmark(List.of(item), 512, 1, p);
                var s = b.scoreOutputs(List.of(r.get("output").asText()));
                soft.assertThat(s.items().get(0).prediction())
                        .as("%s %s pred of %s", tag, task, r.get("output"))
                        .isEqualTo(r.get("pred").asText());
                soft.assertThat(s.items().get(0).correct())
                        .as("%s %s verdict of %s", tag, task, r.get("output"))
                        .isEqualTo(r.get("correct").asBoolean());
                // stopping early never changes the answer: every prefix judged settled gives it
                String out = r.get("output").asText();
                for (int k = 1; k <= out.length(); k++) {
                    if (BbhAnswers.decided(out.substring(0, k), mc, p == Protocol.HEAD)) {
                        var early = b.scoreOutputs(List.of(out.substring(0, k)));
                        soft.assertThat(early.items().get(0).prediction())
                                .as("%s answer settled after %d chars of %s", tag, k, out)
                                .isEqualTo(s.items().get(0).prediction());
                        break;
                    }
                }
            }
        }
        soft.assertAll();
    }
}
