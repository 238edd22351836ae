package dev.editgate.bench.lm;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.ProviderSupport;
import dev.editgate.text.DocumentRange;
import dev.editgate.text.Pieces;
import dev.editgate.text.TextSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code perplexity}: settings {@code dataset} (a UTF-8 text file), {@code window} (tokens; default
 * the model's maximum), {@code stride} (default half the window), {@code separator} (default {@code
 * <|endoftext|>}: when the file contains it, each piece is a document), {@code documents} (a range
 * of those documents, {@code 396-707}, {@code 396-} or {@code all}: the part of the file the
 * benchmark may read, so that statistics can be fitted on another part), {@code limit} and {@code
 * seed} (a seeded sample of that many documents of the range).
 */
public final class PerplexityProvider extends ProviderSupport {
    static final String SEPARATOR = "<|endoftext|>";

    public PerplexityProvider() {
        super("perplexity", List.of("window", "stride", "separator", "documents"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        int window = s.integer("window", 0, 0);
        int stride = s.integer("stride", 0, 0);
        if (window == 1 || (window > 0 && stride > window)) {
            throw new IllegalArgumentException(
                    "perplexity: window "
                            + window
                            + ", stride "
                            + stride
                            + " not accepted; expected window >= 2 (or 0: the model's) and 1 <="
                            + " stride <= window");
        }
        range(s);
    }

    private static DocumentRange range(BenchSettings s) {
        try {
            return DocumentRange.parse(s.has("documents") ? s.string("documents", "all") : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "perplexity: setting 'documents': " + e.getMessage());
        }
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path file = s.path("dataset", baseDir, null);
        List<Pieces.Piece> docs = pieces(file, s);
        return new PerplexityBenchmark(
                sample(s, docs.stream().map(Pieces.Piece::text).toList()),
                s.integer("window", 0, 0),
                s.integer("stride", 0, 0));
    }

    /** The bytes of the documents in range, so statistics can be kept off them. */
    @Override
    public List<TextSpan> measuredTexts(Map<String, Object> settings) {
        BenchSettings s = new BenchSettings(name(), settings);
        Path file = s.path("dataset", null, null);
        DocumentRange range = range(s);
        String what =
                "documents "
                        + range
                        + " (pieces split at "
                        + quoted(s.string("separator", SEPARATOR))
                        + ")";
        if (range.isAll() || !Files.isRegularFile(file)) {
            return List.of(TextSpan.whole(file, what));
        }
        List<Pieces.Piece> all = Pieces.split(read(file), s.string("separator", SEPARATOR));
        int n = range.countOf(all.size());
        if (n == 0) {
            return List.of();
        }
        return List.of(Pieces.span(file, all, range.first(), range.first() + n - 1, what));
    }

    private static List<Pieces.Piece> pieces(Path file, BenchSettings s) {
        List<Pieces.Piece> all = Pieces.split(read(file), s.string("separator", SEPARATOR));
        if (all.isEmpty()) {
            throw new DatasetException(file + ": no text");
        }
        DocumentRange range = range(s);
        int n = range.countOf(all.size());
        if (n == 0) {
            throw new DatasetException(
                    file
                            + ": documents "
                            + range
                            + " selects none of its "
                            + all.size()
                            + " documents (0-"
                            + (all.size() - 1)
                            + ")");
        }
        return all.subList(range.first(), range.first() + n);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
    }

    private static String quoted(String separator) {
        return "\"" + separator.replace("\n", "\\n") + "\"";
    }
}
