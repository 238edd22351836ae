package dev.editgate.edit.rome;

import ai.djl.ndarray.NDArray;

/**
 * One ROME update before it is written.
 *
 * @param keyMean [I] the MLP key at the subject's last token averaged over the context templates
 *     (k̄, before C⁻¹)
 * @param key [I] the MLP key at the subject's last token of the plain prompt
 * @param left [I] the left vector u (C⁻¹k̄, normalised)
 * @param value [H] the optimised MLP output v
 * @param currentOutput [H] the MLP output at the key before the edit
 * @param delta [H, I] the rank-one ΔW
 * @param loss the value optimisation's final loss
 */
public record RomeUpdate(
        NDArray keyMean,
        NDArray key,
        NDArray left,
        NDArray value,
        NDArray currentOutput,
        NDArray delta,
        double loss) {}
