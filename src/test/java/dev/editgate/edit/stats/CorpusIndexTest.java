package dev.editgate.edit.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.testing.Shared;
import dev.editgate.text.DocumentRange;
import dev.editgate.text.TextSpan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIndexTest {
    @TempDir Path dir;

    private static List<String> texts(CorpusIndex index) {
        List<String> out = new ArrayList<>();
        try (CorpusIndex.Reader r = index.reader()) {
            for (int i = 0; i < index.size(); i++) {
                out.add(r.text(i));
            }
        }
        return out;
    }

    @Test
    void linesOfATextFileWithoutHeadings() throws Exception {
        Path f = dir.resolve("wiki.raw");
        Files.writeString(
                f,
                " = Title = \r\n First  paragraph é.\n Second one.\n\n = = Section = = \n  Third  ",
                StandardCharsets.UTF_8);
        CorpusIndex index = CorpusIndex.scan(f);
        assertThat(texts(index)).containsExactly("First  paragraph é.", "Second one.", "Third");
        assertThat(index.where(2)).endsWith("wiki.raw:6");
    }

    @Test
    void aFileWithEndOfTextMarkersIsSplitThere() throws Exception {
        Path f = dir.resolve("stories.txt");
        Files.writeString(
                f,
                "Once upon a time.\nThe end.\n<|endoftext|>\nAnother story.<|endoftext|>Third,"
                        + "\n\nwith a gap.\n<|endoftext|>\n",
                StandardCharsets.UTF_8);
        assertThat(texts(CorpusIndex.scan(f)))
                .containsExactly(
                        "Once upon a time.\nThe end.", "Another story.", "Third,\nwith a gap.");
    }

    @Test
    void jsonLinesAndFoldersNumberDocumentsAcrossFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("corpus"));
        Files.writeString(
                folder.resolve("a.jsonl"),
                "{\"text\": \"one\"}\n\n\"two\"\n",
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("b.txt"), "three\n\nfour\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("notes.csv"), "ignored\n", StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(".hidden.txt"), "ignored\n", StandardCharsets.UTF_8);
        CorpusIndex index = CorpusIndex.scan(folder);
        assertThat(texts(index)).containsExactly("one", "two", "three", "four");
        String hash = index.hash();
        Files.writeString(folder.resolve("b.txt"), "three\n\nfive\n", StandardCharsets.UTF_8);
        assertThat(CorpusIndex.scan(folder).hash()).isNotEqualTo(hash);
    }

    @Test
    void badJsonNamesFileAndLine() throws Exception {
        Path f = dir.resolve("c.jsonl");
        Files.writeString(f, "{\"text\": \"ok\"}\n{\"body\": 3}\n", StandardCharsets.UTF_8);
        CorpusIndex index = CorpusIndex.scan(f);
        try (CorpusIndex.Reader r = index.reader()) {
            assertThat(r.text(0)).isEqualTo("ok");
            assertThatThrownBy(() -> r.text(1))
                    .hasMessageContaining("c.jsonl:2")
                    .hasMessageContaining("\"text\" string");
        }
    }

    @Test
    void spansAreTheBytesAndLinesOfTheRange() throws Exception {
        Path f = dir.resolve("t.txt");
        String text = "alpha\n<|endoftext|>béta one\nbéta two\n<|endoftext|>\ngamma\n";
        Files.writeString(f, text, StandardCharsets.UTF_8);
        CorpusIndex index = CorpusIndex.scan(f);
        List<TextSpan> spans = index.spans(DocumentRange.parse("1-1"), "stats");
        assertThat(spans).hasSize(1);
        TextSpan s = spans.get(0);
        byte[] bytes = Files.readAllBytes(f);
        assertThat(
                        new String(
                                bytes,
                                (int) s.start(),
                                (int) (s.end() - s.start()),
                                StandardCharsets.UTF_8))
                .isEqualTo("béta one\nbéta two");
        assertThat(s.firstLine()).isEqualTo(2);
        assertThat(s.lastLine()).isEqualTo(3);
        assertThat(index.spans(DocumentRange.parse("0-1"), "x").get(0).overlaps(s)).isTrue();
        assertThat(index.spans(DocumentRange.parse("2-"), "x").get(0).overlaps(s)).isFalse();
    }

    @Test
    void aFileLargerThanTheScanBufferSplitsAsIfReadWhole() throws Exception {
        // lines cross the scanner's 1 MiB chunks; one line is longer than a chunk
        StringBuilder b = new StringBuilder();
        java.util.Random r = new java.util.Random(3);
        List<String> expected = new ArrayList<>();
        for (int i = 0; b.length() < 3_500_000; i++) {
            String line =
                    i == 40
                            ? "x".repeat(1_500_000)
                            : "line " + i + " é😀 " + "ab".repeat(r.nextInt(300));
            b.append(i % 7 == 0 ? " = Heading " + i + " = \n" : "").append(line).append("\n");
            if (i % 11 == 0) {
                b.append(" \n");
            }
            expected.add(line.strip());
        }
        Path f = dir.resolve("big.txt");
        Files.writeString(f, b, StandardCharsets.UTF_8);
        CorpusIndex index = CorpusIndex.scan(f);
        assertThat(index.size()).isEqualTo(expected.size());
        assertThat(texts(index)).isEqualTo(expected);
    }

    @Test
    void missingAndEmptyCorporaSaySo() throws Exception {
        assertThatThrownBy(() -> CorpusIndex.scan(dir.resolve("nope.txt")))
                .hasMessageContaining("no such file or folder");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "\n = Heading = \n\n");
        assertThatThrownBy(() -> CorpusIndex.scan(empty)).hasMessageContaining("has no text");
    }

    @Test
    void wikiTextHasTheParagraphsTheSuitesCountOn() {
        Path wiki = Shared.require("data/wikitext2/wiki.test.raw");
        CorpusIndex index = CorpusIndex.scan(wiki);
        assertThat(index.size()).isEqualTo(2185);
        assertThat(index.hash()).isEqualTo("4f3e427e4aff23ac");
    }
}
