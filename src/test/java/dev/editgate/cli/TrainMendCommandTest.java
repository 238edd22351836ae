package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code editgate train mend} on the tiny LLaMA fixture and the 12-record ZsRE fixture file. */
class TrainMendCommandTest {
    private static final String FIXTURES = "src/test/resources/dev/editgate/model/fixtures/";

    @TempDir Path dir;
    private PrintStream stdout;
    private PrintStream stderr;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private int train(String... extra) {
        return trainRecords("0:9", extra);
    }

    private int trainRecords(String records, String... extra) {
        String[] base = {
            "train",
            "mend",
            "--model",
            FIXTURES + "llama-gqa",
            "--data",
            FIXTURES + "zsre-small.json",
            "--records",
            records,
            "--val-records",
            "9:12",
            "--out",
            dir.resolve("mend").toString(),
            "--set",
            "rank=8",
            "--set",
            "max_iters=4",
            "--set",
            "accumulate_bs=2",
            "--set",
            "val_interval=2",
            "--set",
            "val_batch_size=1"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Main.run(args);
    }

    @Test
    void trainsWritesTheArchiveAndResumes() throws Exception {
        assertThat(train()).isEqualTo(0);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("train mend: 9 training and 3 validation records")
                .contains("validation at 0: loss/total_edit")
                .contains("4/4 it")
                .contains("final validation of the archived network")
                .containsPattern("RESULT iterations=4 first_iteration=0 best_iteration=\\d");
        assertThat(dir.resolve("mend/mend.json")).exists();
        assertThat(Files.readString(dir.resolve("mend/mend.json")))
                .contains("\"format\" : \"editgate-mend\"")
                .contains("zsre-small.json");

        out.reset();
        assertThat(train("--set", "max_iters=6")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("resuming from the checkpoint")
                .contains("RESULT iterations=6 first_iteration=4");
    }

    @Test
    void badArgumentsExitWithAClearMessage() {
        assertThat(trainRecords("5:99")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("records 5:99 of")
                .contains("accepted: 0 <= FROM < TO <= 12");
        assertThat(train("--set", "lr")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected KEY=VALUE");
        assertThat(train("--set", "colour=red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("mend hyperparameter 'colour' (suite) is not accepted");
    }
}
