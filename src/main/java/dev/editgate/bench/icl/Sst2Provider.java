package dev.editgate.bench.icl;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;

/**
 * {@code sst2}: SST-2 with one demonstration per label in the prompt ({@link IclSetup}, {@link
 * Sst2Benchmark}). Settings beside the common ones: {@code exemplars} (a file to take the
 * demonstrations from), {@code label_words} (two words for label 0 and 1; default {@code [negative,
 * positive]}); {@code shots} is demonstrations per label (default 1).
 */
public final class Sst2Provider extends ProviderSupport {
    public Sst2Provider() {
        super("sst2", IclSetup.KEYS);
    }

    @Override
    protected void validateMore(BenchSettings s) {
        IclSetup.validate(s);
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        return new Sst2Benchmark(IclSetup.create(s, baseDir), s.integer("batch_size", 8, 1));
    }
}
