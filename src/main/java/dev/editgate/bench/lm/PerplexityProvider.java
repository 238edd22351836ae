package dev.editgate.bench.lm;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.data.DatasetException;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.ProviderSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code perplexity}: settings {@code dataset} (a UTF-8 text file), {@code window} (tokens; default
 * the model's maximum), {@code stride} (default half the window), {@code separator} (default {@code
 * <|endoftext|>}: when the file contains it, each piece is a document), {@code limit} and {@code
 * seed} (a seeded sample of that many documents).
 */
public final class PerplexityProvider extends ProviderSupport {
    static final String SEPARATOR = "<|endoftext|>";

    public PerplexityProvider() {
        super("perplexity", List.of("window", "stride", "separator"));
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
                            + " not accepted; expected window >= 2 (or 0: the model's) and 1 <= stride <= window");
        }
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path file = s.path("dataset", baseDir, null);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read as UTF-8 text: " + e.getMessage(), e);
        }
        List<String> docs = documents(text, s.string("separator", SEPARATOR));
        if (docs.isEmpty()) {
            throw new DatasetException(file + ": no text");
        }
        List<String> chosen = sample(s, docs);
        return new PerplexityBenchmark(
                chosen, s.integer("window", 0, 0), s.integer("stride", 0, 0));
    }

    /** The non-blank pieces between separators, stripped; the whole text when there is none. */
    static List<String> documents(String text, String separator) {
        List<String> out = new ArrayList<>();
        for (String piece :
                separator.isEmpty()
                        ? new String[] {text}
                        : text.split(java.util.regex.Pattern.quote(separator))) {
            if (!piece.isBlank()) {
                out.add(piece.strip());
            }
        }
        return out;
    }
}
