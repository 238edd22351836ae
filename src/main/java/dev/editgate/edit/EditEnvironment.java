package dev.editgate.edit;

import dev.editgate.scenario.Variables;
import java.nio.file.Path;

/**
 * Where editing methods find their files, as the engine's settings say ({@code editgate.hparams},
 * {@code editgate.shared}, {@code editgate.stats}): methods never read properties themselves.
 *
 * @param presetsRoot {@code preset: NAME} of method M reads {@code <presetsRoot>/M/NAME.yaml}
 * @param variables expands {@code ${editgate.shared}}, {@code ${editgate.models}} and {@code
 *     ${env.NAME}} in hyperparameter values, as suites do
 * @param statsDir the second-moment statistics cache
 */
public record EditEnvironment(Path presetsRoot, Variables variables, Path statsDir) {

    /**
     * The settings' defaults ({@code hparams}, {@link Variables#defaults()}, {@code
     * .editgate/stats}), for code run without the engine.
     */
    public static EditEnvironment defaults() {
        return new EditEnvironment(
                Path.of("hparams"), Variables.defaults(), Path.of(".editgate/stats"));
    }
}
