package dev.editgate.scenario;

import java.util.Map;
import java.util.Set;

/** A catalog with one method ({@code rome}) and two benchmarks, as the parser sees providers. */
final class TestCatalog implements ComponentCatalog {

    @Override
    public Map<String, Component> methods() {
        return Map.of("rome", component(Set.of("layers", "v_lr", "v_steps")));
    }

    @Override
    public Map<String, Component> benchmarks() {
        return Map.of(
                "perplexity", component(Set.of("dataset", "limit")),
                "edit-reliability", component(Set.of("scope")));
    }

    @Override
    public Set<String> editFormats() {
        return Set.of("zsre", "counterfact");
    }

    private static Component component(Set<String> keys) {
        return new Component() {
            @Override
            public Set<String> keys() {
                return keys;
            }

            @Override
            public void validate(Map<String, Object> values) {
                Object limit = values.get("limit");
                if (limit != null && !(limit instanceof Integer)) {
                    throw new IllegalArgumentException("limit must be an integer, was " + limit);
                }
            }
        };
    }
}
