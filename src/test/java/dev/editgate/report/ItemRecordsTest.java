package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.bench.ItemRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemRecordsTest {
    @TempDir Path dir;

    @Test
    void groupsAndLogLikelihoodsSurviveTheRoundTrip() {
        Path file = dir.resolve("items.jsonl");
        List<ItemRecord> items =
                List.of(
                        new ItemRecord("q1", "p", "A", "B", false, 0).withGroup("marketing"),
                        new ItemRecord("doc0", "text", "12.3", "", true, 12.3)
                                .withLogLikelihood(251.5, 100),
                        new ItemRecord("e1", "p", "x", "y", true, Double.NaN));
        ItemRecords.save(file, items);
        List<ItemRecord> back = ItemRecords.read(file);
        assertThat(back.get(0)).isEqualTo(items.get(0));
        assertThat(back.get(1)).isEqualTo(items.get(1));
        assertThat(back.get(1).nll()).isEqualTo(251.5);
        assertThat(back.get(1).tokens()).isEqualTo(100);
        assertThat(back.get(2).score()).isNaN();
        assertThat(back.get(2).group()).isNull();
    }

    @Test
    void olderFilesReadWithoutGroupsOrTokens() throws IOException {
        Path file = dir.resolve("old.jsonl");
        Files.writeString(
                file,
                "{\"id\":\"doc0\",\"prompt\":\"t\",\"prediction\":\"3.1\",\"reference\":\"\","
                        + "\"correct\":true,\"score\":3.1}\n");
        ItemRecord r = ItemRecords.read(file).get(0);
        assertThat(r.tokens()).isZero();
        assertThat(r.nll()).isNaN();
        assertThat(r.score()).isEqualTo(3.1);
    }

    @Test
    void aBrokenLineIsReportedWithFileAndLine() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{not json\n");
        assertThatThrownBy(() -> ItemRecords.read(file)).hasMessageContaining("bad.jsonl:2");
    }
}
