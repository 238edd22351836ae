package dev.editgate.edit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.alphaedit.AlphaEditProvider;
import dev.editgate.edit.ft.FtProvider;
import dev.editgate.edit.memit.MemitProvider;
import dev.editgate.edit.rome.RomeProvider;
import dev.editgate.model.LanguageModel;
import dev.editgate.model.Models;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sequential editing does not accumulate memory: after the first edit (which builds a method's
 * caches: second moments, projectors, templates) every further edit leaves the same live NDArrays
 * under the model's manager, count and bytes. A product computed from an array a method keeps (C,
 * C⁻¹, P) lives in that array's manager unless moved to the edit's scope; before this test
 * AlphaEdit and MEMIT left three [I, I] float64 products per layer per edit there (about 0.3 GB per
 * edit on SmolLM2's five 1536-wide layers, 25 GB on LLaMA-3-8B's 14336-wide ones), ROME an [I]
 * vector.
 */
class EditMemoryTest {
    private static final Path MODEL =
            Path.of("src/test/resources/dev/editgate/model/fixtures/llama-gqa");

    static Stream<Arguments> methods() throws Exception {
        String corpus =
                Path.of(
                                EditMemoryTest.class
                                        .getResource("/dev/editgate/edit/stats/corpus.jsonl")
                                        .toURI())
                        .toString();
        Function<LanguageModel, EditMethod> rome =
                m ->
                        new RomeProvider()
                                .create(
                                        m,
                                        Map.of(
                                                "layers",
                                                List.of(1),
                                                "mom2_dataset",
                                                corpus,
                                                "mom2_n_samples",
                                                1000,
                                                "v_num_grad_steps",
                                                3));
        Function<LanguageModel, EditMethod> memit =
                m ->
                        new MemitProvider()
                                .create(
                                        m,
                                        Map.of(
                                                "layers",
                                                List.of(0, 1),
                                                "mom2_dataset",
                                                corpus,
                                                "mom2_n_samples",
                                                1000,
                                                "v_num_grad_steps",
                                                3));
        Function<LanguageModel, EditMethod> alphaedit =
                m ->
                        new AlphaEditProvider()
                                .create(
                                        m,
                                        Map.of(
                                                "layers",
                                                List.of(0, 1),
                                                "mom2_dataset",
                                                corpus,
                                                "mom2_n_samples",
                                                1000,
                                                "nullspace_threshold",
                                                0.0545,
                                                "v_num_grad_steps",
                                                3));
        Function<LanguageModel, EditMethod> ft =
                m -> new FtProvider().create(m, Map.of("layers", List.of(1), "num_steps", 3));
        return Stream.of(
                Arguments.of("rome", rome),
                Arguments.of("memit", memit),
                Arguments.of("alphaedit", alphaedit),
                Arguments.of("ft", ft));
    }

    private static List<NDArray> live(LanguageModel model) {
        return model.manager().getManagedArrays().stream().filter(a -> !a.isReleased()).toList();
    }

    private static long bytes(List<NDArray> arrays) {
        return arrays.stream()
                .mapToLong(a -> a.getShape().size() * a.getDataType().getNumOfBytes())
                .sum();
    }

    private static List<String> added(List<NDArray> now, List<NDArray> before) {
        Set<NDArray> old = Collections.newSetFromMap(new IdentityHashMap<>());
        old.addAll(before);
        List<String> out = new ArrayList<>();
        for (NDArray a : now) {
            if (!old.contains(a)) {
                out.add(a.getShape() + " " + a.getDataType());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void furtherEditsLeaveNoArraysBehind(String name, Function<LanguageModel, EditMethod> create) {
        List<EditRequest> edits =
                List.of(
                        EditRequest.of("The capital of France is", "France", " Rome"),
                        EditRequest.of("The cat sat on the", "cat", " roof"),
                        EditRequest.of("Once upon a time there was", "time", " a dragon"));
        try (LanguageModel model = Models.load(MODEL, "float32", "cpu")) {
            List<NDArray> weights = live(model);
            try (EditMethod method = create.apply(model)) {
                method.apply(model, List.of(edits.get(0)));
                List<NDArray> afterFirst = live(model);
                long bytesFirst = bytes(afterFirst); // AlphaEdit's K_p is replaced by each edit
                for (EditRequest e : edits.subList(1, edits.size())) {
                    method.apply(model, List.of(e));
                    List<NDArray> now = live(model);
                    assertThat(bytes(now))
                            .as(
                                    "%s: bytes alive after another edit (new arrays: %s)",
                                    name, added(now, afterFirst))
                            .isEqualTo(bytesFirst);
                    assertThat(now).hasSameSizeAs(afterFirst);
                }
            }
            assertThat(bytes(live(model))).as("after close").isEqualTo(bytes(weights));
        }
    }
}
