package dev.editgate.bench.edits;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.BenchmarkProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Providers of the edit metrics ({@link EditMetric}); each takes one setting, {@code scope:
 * individual|sequential} (default sequential).
 */
public final class EditMetricProviders {
    private EditMetricProviders() {}

    abstract static class Base implements BenchmarkProvider {
        private final EditMetric.Kind kind;

        Base(EditMetric.Kind kind) {
            this.kind = kind;
        }

        @Override
        public String name() {
            return kind.id;
        }

        @Override
        public Set<String> settingKeys() {
            return kind == EditMetric.Kind.EXACT_MATCH
                    ? Set.of("scope", "prompt")
                    : Set.of("scope");
        }

        @Override
        public void validate(Map<String, Object> settings) {
            sequential(settings);
            rephrase(settings);
        }

        @Override
        public Benchmark create(Map<String, Object> settings, Path baseDir) {
            return new EditMetric(kind, sequential(settings), rephrase(settings));
        }

        /** {@code edit-exact-match}'s {@code prompt: edit|rephrase} (default edit). */
        private boolean rephrase(Map<String, Object> settings) {
            Object prompt = settings.getOrDefault("prompt", "edit");
            if ("edit".equals(prompt)) {
                return false;
            }
            if ("rephrase".equals(prompt)) {
                return true;
            }
            throw new IllegalArgumentException(
                    kind.id
                            + ": setting 'prompt' = "
                            + prompt
                            + " is not accepted; accepted: edit, rephrase");
        }

        private boolean sequential(Map<String, Object> settings) {
            for (String k : settings.keySet()) {
                if (!settingKeys().contains(k)) {
                    throw new IllegalArgumentException(
                            kind.id
                                    + ": setting '"
                                    + k
                                    + "' is not accepted; accepted: "
                                    + new java.util.TreeSet<>(settingKeys()));
                }
            }
            Object scope = settings.getOrDefault("scope", "sequential");
            if ("sequential".equals(scope)) {
                return true;
            }
            if ("individual".equals(scope)) {
                return false;
            }
            throw new IllegalArgumentException(
                    kind.id
                            + ": setting 'scope' = "
                            + scope
                            + " is not accepted; accepted: individual, sequential");
        }
    }

    /** {@code edit-reliability}. */
    public static final class Reliability extends Base {
        public Reliability() {
            super(EditMetric.Kind.RELIABILITY);
        }
    }

    /** {@code edit-generalization}. */
    public static final class Generalization extends Base {
        public Generalization() {
            super(EditMetric.Kind.GENERALIZATION);
        }
    }

    /** {@code edit-locality}. */
    public static final class Locality extends Base {
        public Locality() {
            super(EditMetric.Kind.LOCALITY);
        }
    }

    /**
     * {@code edit-exact-match}: greedy generation after the prompt ({@code prompt: edit}, default)
     * or after its rephrasing ({@code prompt: rephrase}, the generation-based generalization)
     * equals the target.
     */
    public static final class ExactMatch extends Base {
        public ExactMatch() {
            super(EditMetric.Kind.EXACT_MATCH);
        }
    }
}
