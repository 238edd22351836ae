package dev.editgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.gguf.GgufArchitecture;
import dev.editgate.model.weights.Checkpoint;
import dev.editgate.model.weights.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every registered family reads its config fixtures, names their tensors, builds its decoder. */
class FamiliesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/dev/editgate/model/fixtures");

    /** The tiny checkpoints of each family, one per model type it runs. */
    private static final Map<ModelFamily, List<String>> CHECKPOINTS =
            Map.of(
                    ModelFamily.LLAMA, List.of("llama-gqa", "mistral", "qwen2"),
                    ModelFamily.GPT2, List.of("gpt2"),
                    ModelFamily.GPTJ, List.of("gptj"),
                    ModelFamily.GPT_NEOX, List.of("gpt-neox"),
                    ModelFamily.GEMMA3, List.of("gemma3"));

    @Test
    void everyFamilyIsRegisteredOnceWithItsOwnModelTypes() {
        assertThat(Families.all()).extracting(Family::id).containsExactly(ModelFamily.values());
        List<String> types = new ArrayList<>();
        Families.all().forEach(f -> types.addAll(f.modelTypes()));
        assertThat(types).doesNotHaveDuplicates();
        assertThat(Families.supported())
                .isEqualTo("llama, mistral, qwen2, gpt2, gptj, gpt_neox, gemma3_text");
        assertThat(Families.forModelType("qwen2")).map(Family::id).contains(ModelFamily.LLAMA);
        assertThat(Families.forModelType("bert")).isEmpty();
        assertThatThrownBy(
                        () ->
                                ModelConfig.parse(
                                        new ObjectMapper().readTree("{\"model_type\":\"bert\"}"),
                                        "c.json"))
                .hasMessage(
                        "c.json: model_type \"bert\" is not supported; supported: "
                                + Families.supported());
    }

    /** Each GGUF architecture lives in the package of the family that runs what it converts to. */
    @Test
    void everyGgufArchitectureBelongsToARegisteredFamily() {
        List<String> archs = new ArrayList<>();
        for (GgufArchitecture a : ServiceLoader.load(GgufArchitecture.class)) {
            for (String arch : a.architectures()) {
                archs.add(arch);
                Family family = Families.forModelType(a.modelType(arch)).orElseThrow();
                assertThat(a.getClass().getPackageName())
                        .as(arch)
                        .isEqualTo(family.getClass().getPackageName());
            }
        }
        assertThat(archs).containsExactly("llama", "qwen2", "gemma3");
    }

    @Test
    void everyFamilyReadsItsConfigNamesItsTensorsAndBuildsItsDecoder() {
        for (Family family : Families.all()) {
            assertThat(CHECKPOINTS).as("a fixture for %s", family.id()).containsKey(family.id());
            for (String fixture : CHECKPOINTS.get(family.id())) {
                Path dir = FIXTURES.resolve(fixture);
                ModelConfig config = ModelConfig.load(dir);
                assertThat(config.family()).as(fixture).isEqualTo(family.id());
                assertThat(family.modelTypes()).as(fixture).contains(config.modelType());
                assertThat(config.attentionScale()).as(fixture).isPositive();
                try (Checkpoint checkpoint = Checkpoint.open(dir)) {
                    Map<String, TensorInfo> tensors = checkpoint.tensors();
                    Set<String> names = tensors.keySet();
                    Decoder decoder = family.decoder(config, names);
                    assertThat(decoder.getClass().getPackageName())
                            .isEqualTo(family.getClass().getPackageName());
                    for (TensorSpec spec : decoder.tensorSpecs()) {
                        if (spec.optional() && !names.contains(spec.name())) {
                            continue;
                        }
                        assertThat(names).as(fixture).contains(spec.name());
                        assertThat(tensors.get(spec.name()).shape())
                                .as(fixture + " " + spec.name())
                                .containsExactly(spec.shape());
                    }
                    for (int l = 0; l < config.numLayers(); l++) {
                        MlpOutput out = decoder.mlpOutput(l);
                        assertThat(names).as(fixture + " layer " + l).contains(out.weight());
                        assertThat(out.weight()).contains("." + l + ".");
                    }
                    assertThat(Decoder.of(config, names).getClass()).isEqualTo(decoder.getClass());
                }
            }
        }
    }
}
