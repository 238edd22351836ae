package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A macro-mean measurement keeps its micro mean in results.jsonl; older records read as null. */
class ResultRecordMicroTest {

    @Test
    void microIsWrittenAndReadBack() throws Exception {
        ResultRecord r =
                new ResultRecord(
                        "run",
                        "s",
                        "sc",
                        "rome",
                        "h",
                        "m",
                        1,
                        "mmlu",
                        "mmlu",
                        "accuracy",
                        0.4,
                        0.5,
                        true,
                        Map.of(),
                        ResultRecord.PASS,
                        null,
                        1.0,
                        "t",
                        null,
                        0.45,
                        null);
        String json = ResultJson.write(r);
        assertThat(json).contains("\"micro\" : 0.45");
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readValue(json, ResultRecord.class).micro()).isEqualTo(0.45);
        String old = json.replace(",\n  \"micro\" : 0.45", "");
        assertThat(old).doesNotContain("micro");
        assertThat(m.readValue(old, ResultRecord.class).micro()).isNull();
    }
}
