package dev.editgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir Path dir;

    @Test
    void layoutOfOneRun() {
        RunDirectory run = RunDirectory.of(dir, "r1");
        assertThat(run.results()).isEqualTo(dir.resolve("r1/results.jsonl"));
        assertThat(run.summary()).isEqualTo(dir.resolve("r1/summary.txt"));
        assertThat(run.drift()).isEqualTo(dir.resolve("r1/drift.jsonl"));
        assertThat(run.edits()).isEqualTo(dir.resolve("r1/edits.jsonl"));
        assertThat(run.items("s", "rome l2", 10, "mmlu"))
                .isEqualTo(dir.resolve("r1/items/s/rome_l2/10-mmlu.jsonl"));
        assertThat(run.baselineItems("s", "mmlu"))
                .isEqualTo(dir.resolve("r1/items/s/_baseline_/0-mmlu.jsonl"));
        assertThat(run.workers("s", "ext")).isEqualTo(dir.resolve("r1/workers/s/ext"));
        assertThat(run.allureResults()).isEqualTo(dir.resolve("r1/allure-results"));
        assertThat(run.runId()).isEqualTo("r1");
    }

    @Test
    void latestIsTheRunWhoseResultsChangedLast() throws IOException {
        assertThat(RunDirectory.latest(dir.resolve("none"))).isEmpty();
        for (String id : new String[] {"a", "b", "c"}) {
            Files.createDirectories(dir.resolve(id));
        }
        Files.writeString(dir.resolve("a/results.jsonl"), "");
        Files.writeString(dir.resolve("b/results.jsonl"), "");
        Files.setLastModifiedTime(dir.resolve("a/results.jsonl"), FileTime.fromMillis(2000));
        Files.setLastModifiedTime(dir.resolve("b/results.jsonl"), FileTime.fromMillis(1000));
        assertThat(RunDirectory.latest(dir)).map(RunDirectory::runId).hasValue("a");
    }
}
