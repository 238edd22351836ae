package dev.editgate.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.data.EditDatasets;
import dev.editgate.model.Devices;
import dev.editgate.model.Models;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code suite.schema.json} (editor completion) says what the parser accepts: the same keys at
 * every level, and the accepted values of the code that loads them (model dtypes and devices,
 * dataset formats, threshold keys, the editing methods' scenario settings).
 */
class SuiteSchemaTest {

    private static JsonNode schema() throws IOException {
        try (InputStream in =
                SuiteSchemaTest.class.getResourceAsStream(
                        "/dev/editgate/scenario/suite.schema.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.get("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void keysAtEveryLevelAreTheParsersKeys() throws IOException {
        JsonNode s = schema();
        JsonNode p = s.get("properties");
        assertThat(keys(s)).containsExactlyInAnyOrderElementsOf(SuiteParser.KEYS);
        assertThat(keys(p.get("model")))
                .containsExactlyInAnyOrderElementsOf(SuiteParser.MODEL_KEYS);
        assertThat(keys(p.get("edits"))).containsExactlyInAnyOrderElementsOf(SuiteParser.EDIT_KEYS);
        assertThat(keys(p.get("model").get("properties").get("matrix")))
                .containsExactlyInAnyOrderElementsOf(SuiteParser.MODEL_MATRIX_KEYS);
        assertThat(keys(p.get("capabilities").get("items").get("properties").get("assert")))
                .containsExactlyInAnyOrderElementsOf(Thresholds.KEYS);
        assertThat(keys(p.get("capabilities").get("items")))
                .containsAll(ComponentReader.CAPABILITY_KEYS);
        Set<String> scenarioKeys = new TreeSet<>(ComponentReader.SCENARIO_KEYS);
        for (EditMethodProvider m : ServiceLoader.load(EditMethodProvider.class)) {
            scenarioKeys.addAll(m.settingKeys());
        }
        assertThat(keys(p.get("scenarios").get("items")))
                .containsExactlyInAnyOrderElementsOf(scenarioKeys);
        assertThat(strings(s.get("required")))
                .containsExactlyInAnyOrder(
                        "suite", "model", "edits", "checkpoints", "scenarios", "capabilities");
    }

    @Test
    void acceptedValuesAreThoseOfTheLoadingCode() throws IOException {
        JsonNode p = schema().get("properties");
        JsonNode model = p.get("model").get("properties");
        assertThat(strings(model.get("dtype").get("enum")))
                .containsExactlyElementsOf(Models.DTYPES);
        assertThat(
                        strings(
                                model.get("matrix")
                                        .get("properties")
                                        .get("dtype")
                                        .get("items")
                                        .get("enum")))
                .containsExactlyElementsOf(Models.DTYPES);
        assertThat(model.get("device").get("pattern").asText())
                .isEqualTo("^(" + Devices.ACCEPTED.pattern() + ")$");
        assertThat(strings(p.get("edits").get("properties").get("format").get("enum")))
                .containsExactlyElementsOf(EditDatasets.FORMATS);
        assertThat(p.get("tags").get("items").get("pattern").asText())
                .isEqualTo("^" + SuiteParser.TAG.pattern() + "$");
        assertThat(schema().get("definitions").get("id").get("pattern").asText())
                .isEqualTo("^" + SuiteParser.ID.pattern() + "$");
    }
}
