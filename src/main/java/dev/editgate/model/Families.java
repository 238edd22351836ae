package dev.editgate.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registered {@link Family} implementations ({@code
 * META-INF/services/dev.editgate.model.Family}), in {@link ModelFamily} order. The model package
 * finds each family's knowledge here instead of importing the family packages (which import it).
 */
public final class Families {
    private static final List<Family> ALL =
            ServiceLoader.load(Family.class, Family.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparing(Family::id))
                    .toList();

    private Families() {}

    /** Every registered family. */
    public static List<Family> all() {
        return ALL;
    }

    /** The family registered for {@code id}. */
    public static Family of(ModelFamily id) {
        return ALL.stream()
                .filter(f -> f.id() == id)
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no Family registered for "
                                                + id
                                                + " (META-INF/services/"
                                                + Family.class.getName()
                                                + " lists "
                                                + ALL.stream().map(Family::id).toList()
                                                + ")"));
    }

    /** The family that runs {@code modelType}, if any. */
    public static Optional<Family> forModelType(String modelType) {
        return ALL.stream().filter(f -> f.modelTypes().contains(modelType)).findFirst();
    }

    /** Every supported {@code model_type}, comma-separated, for error messages. */
    public static String supported() {
        return ALL.stream().flatMap(f -> f.modelTypes().stream()).collect(Collectors.joining(", "));
    }
}
