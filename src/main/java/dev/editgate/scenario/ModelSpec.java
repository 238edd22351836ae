package dev.editgate.scenario;

import java.nio.file.Path;

/**
 * The model a suite edits.
 *
 * @param path the Hugging Face model folder (absolute, variables expanded)
 * @param dtype compute dtype ({@code float32}, {@code float16}, {@code bfloat16})
 * @param device {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:1}, ...
 */
public record ModelSpec(Path path, String dtype, String device) {

    /** Key under which one loaded model is shared by every suite of a run. */
    public String poolKey() {
        return path.toAbsolutePath().normalize() + "|" + dtype + "|" + device;
    }
}
