package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.bench.ItemRecord;
import dev.editgate.report.ItemRecords;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import dev.editgate.report.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edits.individual: after-each-edit}: the individual-scope edit metrics are measured right
 * after every edit (EasyEdit's {@code sequential_edit=True} since 2026-06), recorded per edit in
 * {@code edits.jsonl}, and a checkpoint reports their mean over every edit so far. The reference
 * for "right after edit k" is the default protocol with a checkpoint at every edit: there the
 * individual scope at checkpoint k scores edit k with edits 1..k in the model.
 */
class IndividualProtocolTest {
    private static final Path DIR = Path.of("src/test/resources/dev/editgate/engine/protocol");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private RunDirectory run(String runId, String suite) {
        Fixtures.kit(dir, runId)
                .selectors(selectFile(DIR.resolve(suite).toFile()))
                .execute()
                .testEvents()
                .assertStatistics(s -> s.failed(0));
        return RunDirectory.of(dir.resolve("reports"), runId);
    }

    private static double value(List<ResultRecord> records, String capability, int edits) {
        return records.stream()
                .filter(r -> r.capability().equals(capability) && r.editsApplied() == edits)
                .findFirst()
                .orElseThrow()
                .value();
    }

    @Test
    void afterEachEditIsTheMeanOfEachEditScoredRightAfterIt() throws IOException {
        RunDirectory stepwise = run("steps", "at-checkpoints.yaml");
        RunDirectory after = run("after", "after-each-edit.yaml");
        List<ResultRecord> steps = ResultStore.read(stepwise.results());
        List<ResultRecord> once = ResultStore.read(after.results());

        for (String capability : List.of("reliability", "generalization")) {
            List<Double> rightAfter = new ArrayList<>();
            for (int k = 1; k <= 3; k++) {
                rightAfter.add(value(steps, capability, k));
            }
            double mean = rightAfter.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            assertThat(value(once, capability, 3)).as(capability).isCloseTo(mean, within(1e-12));

            // the checkpoint's items are the three right-after measurements, in edit order
            List<ItemRecord> items =
                    ItemRecords.read(after.items("protocol-after-each-edit", "ft", 3, capability));
            assertThat(items)
                    .extracting(ItemRecord::id)
                    .containsExactly("edit-0", "edit-1", "edit-2");
            for (int k = 1; k <= 3; k++) {
                assertThat(items.get(k - 1).score())
                        .as(capability + " right after edit " + k)
                        .isEqualTo(rightAfter.get(k - 1));
            }
        }

        // each edit's line in edits.jsonl carries its right-after scores; the sequential-scope
        // capability is measured at the checkpoint as before, so it is not there
        List<String> lines = Files.readAllLines(after.edits());
        assertThat(lines).hasSize(3);
        for (int k = 1; k <= 3; k++) {
            JsonNode line = JSON.readTree(lines.get(k - 1));
            assertThat(line.get("first_edit").asInt()).isEqualTo(k);
            JsonNode individual = line.get("individual");
            assertThat(individual.has("reliability-all")).isFalse();
            assertThat(individual.get("reliability").get("value").asDouble())
                    .isEqualTo(value(steps, "reliability", k));
            assertThat(individual.get("reliability").get("items").get("edit-" + (k - 1)).asDouble())
                    .isEqualTo(value(steps, "reliability", k));
            assertThat(line.get("individual_seconds").asDouble()).isPositive();
        }
        assertThat(value(once, "reliability-all", 3)).isEqualTo(value(steps, "reliability-all", 3));

        // the default protocol writes no right-after scores
        assertThat(Files.readAllLines(stepwise.edits()))
                .allSatisfy(l -> assertThat(JSON.readTree(l).has("individual")).isFalse());
    }
}
