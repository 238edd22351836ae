package dev.editgate.scenario;

import java.util.Map;

/**
 * Where an expanded scenario sits in the {@code matrix:} it came from.
 *
 * @param base the id written in the suite ({@code rome}), which every expanded id starts with
 * @param values the value of each matrix key for this scenario, in the order the keys are written
 *     ({@code layers → [5]})
 * @param texts each value as it reads in the id ({@code layers → [5]}), same order
 * @param labels each key's part of the id ({@code layers → l[5]}), same order
 */
public record MatrixPoint(
        String base,
        Map<String, Object> values,
        Map<String, String> texts,
        Map<String, String> labels) {

    public MatrixPoint {
        values = YamlValues.immutableCopy(values);
        texts = YamlValues.immutableCopy(texts);
        labels = YamlValues.immutableCopy(labels);
    }
}
