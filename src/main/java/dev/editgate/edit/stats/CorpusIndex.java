package dev.editgate.edit.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.text.DocumentRange;
import dev.editgate.text.TextSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The documents of a statistics corpus, found in one streaming pass that also hashes it; their text
 * is read back by byte offset, so a corpus larger than memory can be sampled.
 *
 * <p>A corpus is a text file, a JSON-lines file ({@code .jsonl}, {@code .ndjson}: each line a JSON
 * string or an object with a {@code "text"} string) or a folder of such files (taken recursively in
 * path order; {@code .txt}, {@code .text}, {@code .raw}, {@code .md} are text). In a text file a
 * document is a line, stripped, as Hugging Face's {@code text} loader makes rows (WikiText's rows
 * are its paragraphs); a file that contains {@code <|endoftext|>} is split there instead, each
 * piece one document (TinyStories' stories). Blank lines and WikiText heading lines ({@code = Title
 * =}) are no documents. Documents are numbered across the corpus from 0.
 */
final class CorpusIndex {
    static final String END_OF_TEXT = "<|endoftext|>";
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Format {
        TEXT,
        JSON_LINES
    }

    record Source(Path file, Format format) {}

    private final Path root;
    private final List<Source> sources;
    private final String hash;
    private int count;
    private int[] source; // per document: its file, byte span and first line
    private long[] start;
    private long[] end;
    private int[] line;

    private CorpusIndex(Path root, List<Source> sources, String hash) {
        this.root = root;
        this.sources = sources;
        this.hash = hash;
    }

    /** Scans {@code corpus}; throws naming it when it is missing, unreadable or empty. */
    static CorpusIndex scan(Path corpus) {
        Path root = corpus.toAbsolutePath().normalize();
        List<Source> sources = sources(root);
        MessageDigest md = sha256();
        DocumentBoundaries b = new DocumentBoundaries();
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            if (Files.isDirectory(root)) {
                md.update(root.relativize(src.file()).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            b.begin(s, src.format());
            try {
                LineScanner.scan(src.file(), md, b);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "statistics corpus " + src.file() + ": cannot read: " + e.getMessage(), e);
            }
            b.finish();
        }
        CorpusIndex index =
                new CorpusIndex(
                        root, sources, HexFormat.of().formatHex(md.digest()).substring(0, 16));
        index.count = b.count();
        index.source = b.source();
        index.start = b.start();
        index.end = b.end();
        index.line = b.line();
        if (index.count == 0) {
            throw new IllegalArgumentException("statistics corpus " + root + " has no text");
        }
        return index;
    }

    private static List<Source> sources(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(new Source(root, format(root)));
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(
                    "statistics corpus "
                            + root
                            + ": no such file or folder (accepted: a text file, a JSON-lines file"
                            + " or a folder of them)");
        }
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> accepted(p.getFileName().toString()))
                    .sorted()
                    .forEach(p -> out.add(new Source(p, format(p))));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "statistics corpus " + root + ": cannot list: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(
                    "statistics corpus "
                            + root
                            + ": no .txt, .text, .raw, .md, .jsonl or .ndjson file in the folder");
        }
        return out;
    }

    private static boolean accepted(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Stream.of(".txt", ".text", ".raw", ".md", ".jsonl", ".ndjson").anyMatch(n::endsWith);
    }

    private static Format format(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") ? Format.JSON_LINES : Format.TEXT;
    }

    Path root() {
        return root;
    }

    /** First 16 hex digits of the SHA-256 of the corpus (file names and bytes). */
    String hash() {
        return hash;
    }

    int size() {
        return count;
    }

    /** The corpus's documents in {@code range}, as indices. */
    int[] indices(DocumentRange range) {
        int n = range.countOf(count);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = range.first() + i;
        }
        return out;
    }

    /** The bytes documents in {@code range} occupy, one span per file; empty when none. */
    List<TextSpan> spans(DocumentRange range, String what) {
        List<TextSpan> out = new ArrayList<>();
        int n = range.countOf(count);
        int i = range.first();
        while (i < range.first() + n) {
            int s = source[i];
            int j = i;
            while (j + 1 < range.first() + n && source[j + 1] == s) {
                j++;
            }
            out.add(
                    new TextSpan(
                            sources.get(s).file(),
                            start[i],
                            end[j],
                            line[i],
                            line[j] + newlines(j),
                            what));
            i = j + 1;
        }
        return out;
    }

    private int newlines(int doc) {
        if (sources.get(source[doc]).format() == Format.JSON_LINES) {
            return 0;
        }
        try (Reader r = reader()) {
            byte[] bytes = r.bytes(doc);
            int k = 0;
            for (byte b : bytes) {
                k += b == '\n' ? 1 : 0;
            }
            return k;
        }
    }

    /** Where document {@code doc} comes from, for messages ({@code file:line}). */
    String where(int doc) {
        return sources.get(source[doc]).file() + ":" + line[doc];
    }

    /** Reads document texts; holds the corpus files open until closed. */
    Reader reader() {
        return new Reader();
    }

    final class Reader implements AutoCloseable {
        private final FileChannel[] channels = new FileChannel[sources.size()];

        byte[] bytes(int doc) {
            try {
                int s = source[doc];
                if (channels[s] == null) {
                    channels[s] = FileChannel.open(sources.get(s).file(), StandardOpenOption.READ);
                }
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end[doc] - start[doc]));
                long pos = start[doc];
                while (buf.hasRemaining()) {
                    int n = channels[s].read(buf, pos);
                    if (n < 0) {
                        throw new IOException("file shorter than when it was indexed");
                    }
                    pos += n;
                }
                return buf.array();
            } catch (IOException e) {
                throw new UncheckedIOException(where(doc) + ": " + e.getMessage(), e);
            }
        }

        /** The text of document {@code doc}. */
        String text(int doc) {
            String raw = new String(bytes(doc), StandardCharsets.UTF_8);
            if (sources.get(source[doc]).format() == Format.JSON_LINES) {
                return jsonText(raw, doc);
            }
            StringBuilder out = new StringBuilder(raw.length());
            for (String l : raw.replace(END_OF_TEXT, "\n").split("\n", -1)) {
                String t = l.strip();
                if (!t.isEmpty() && !(t.startsWith("=") && t.endsWith("="))) {
                    if (out.length() > 0) {
                        out.append('\n');
                    }
                    out.append(t);
                }
            }
            return out.toString();
        }

        private String jsonText(String raw, int doc) {
            JsonNode node;
            try {
                node = JSON.readTree(raw);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        where(doc) + ": not valid JSON: " + e.getMessage(), e);
            }
            if (node.isTextual()) {
                return node.asText();
            }
            if (node.isObject() && node.path("text").isTextual()) {
                return node.get("text").asText();
            }
            throw new IllegalArgumentException(
                    where(doc)
                            + ": expected a JSON string or an object with a \"text\" string, found "
                            + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }

        @Override
        public void close() {
            for (FileChannel c : channels) {
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException e) {
                        // read-only channel; nothing was written
                    }
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
