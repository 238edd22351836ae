package dev.editgate.edit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.editgate.edit.EditRequest;
import dev.editgate.testing.Shared;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditDatasetsTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(
                EditDatasetsTest.class.getResource("/dev/editgate/edit/data/" + name).toURI());
    }

    @Test
    void readsZsreInMendFormat() {
        List<EditRequest> all =
                EditDatasets.load(Shared.require("data/zsre/zsre_mend_train-1k.json"), "zsre");
        assertThat(all).hasSize(998); // two records have an empty 'alt' and are skipped
        EditRequest first = all.get(0);
        assertThat(first.prompt()).isEqualTo("What is the product made by UniFirst?");
        assertThat(first.subject()).isEqualTo("UniFirst");
        assertThat(first.target()).isEqualTo(" unmanned aircraft");
        assertThat(first.groundTruth()).isEqualTo(" uniform");
        assertThat(first.rephrase()).isEqualTo("What will be the product of UniFirst?");
        assertThat(first.localityPrompt())
                .isEqualTo("nq question: john goodman's character in the big lebowski");
        assertThat(first.localityAnswer()).isEqualTo(" Walter Sobchak");
        assertThat(all).allSatisfy(r -> assertThat(r.prompt()).contains(r.subject()));
    }

    @Test
    void readsEasyEditFlatCounterFact() {
        List<EditRequest> all =
                EditDatasets.load(
                        Shared.require("data/counterfact/counterfact-edit-1k.json"), "counterfact");
        assertThat(all).hasSize(1000);
        EditRequest first = all.get(0);
        assertThat(first.prompt()).isEqualTo("David Robinson professionally plays the sport");
        assertThat(first.target()).isEqualTo(" baseball");
        assertThat(first.groundTruth()).isEqualTo(" basketball");
        assertThat(first.localityPrompt()).isEqualTo("Shaquille O'Neal plays");
        assertThat(first.localityAnswer()).isEqualTo(" basketball");
    }

    @Test
    void readsRomeNestedCounterFact() throws URISyntaxException {
        List<EditRequest> all =
                EditDatasets.load(fixture("counterfact-rome-sample.json"), "counterfact-rome");
        assertThat(all).hasSize(2);
        EditRequest first = all.get(0);
        assertThat(first.prompt()).isEqualTo("The mother tongue of Danielle Darrieux is");
        assertThat(first.subject()).isEqualTo("Danielle Darrieux");
        assertThat(first.target()).isEqualTo(" English");
        assertThat(first.groundTruth()).isEqualTo(" French");
        assertThat(first.rephrase()).startsWith("Shayna does this");
        assertThat(first.localityPrompt()).isEqualTo("The mother tongue of Léon Blum is");
        assertThat(first.localityAnswer()).isEqualTo(" French");
        assertThat(all.get(1).rephrase()).isNull();
        assertThat(all.get(1).localityPrompt()).isNull();
    }

    @Test
    void errorsNameFileRecordAndField() throws URISyntaxException {
        Path file = fixture("zsre-bad-record.json");
        assertThatThrownBy(() -> EditDatasets.load(file, "zsre"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("record 1")
                .hasMessageContaining("'alt'");
        assertThatThrownBy(() -> EditDatasets.load(file, "counterfact"))
                .hasMessageContaining("record 0")
                .hasMessageContaining("'prompt'");
        assertThatThrownBy(() -> EditDatasets.load(file, "cf"))
                .hasMessageContaining("accepted: zsre, counterfact, counterfact-rome");
    }
}
