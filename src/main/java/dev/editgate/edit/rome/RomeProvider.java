package dev.editgate.edit.rome;

import dev.editgate.edit.EditMethod;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.edit.Hyperparameters;
import dev.editgate.edit.stats.SecondMomentStats;
import dev.editgate.edit.stats.StatsSpec;
import dev.editgate.model.LanguageModel;
import dev.editgate.text.TextSpan;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code method: rome}. Hyperparameters: {@link RomeHyperparameters}. */
public final class RomeProvider implements EditMethodProvider {

    @Override
    public String name() {
        return "rome";
    }

    @Override
    public Set<String> hyperparameterKeys() {
        return RomeHyperparameters.KEYS;
    }

    @Override
    public void validate(Map<String, Object> hyperparameters) {
        RomeHyperparameters.from(resolve(hyperparameters));
    }

    /** The statistics corpus (its {@code mom2_documents}) when {@code mom2_adjustment} is on. */
    @Override
    public List<TextSpan> statisticsTexts(Map<String, Object> hyperparameters) {
        Hyperparameters h = resolve(hyperparameters);
        if (!h.getBoolean("mom2_adjustment")) {
            return List.of();
        }
        return SecondMomentStats.texts(StatsSpec.from(h), "second moments");
    }

    @Override
    public EditMethod create(LanguageModel model, Map<String, Object> hyperparameters) {
        return new RomeMethod(model, RomeHyperparameters.from(resolve(hyperparameters)));
    }

    static Hyperparameters resolve(Map<String, Object> values) {
        return Hyperparameters.resolve(
                "rome", RomeHyperparameters.DEFAULTS, values, RomeHyperparameters.KEYS);
    }
}
