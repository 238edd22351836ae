package dev.editgate.bench.mbpp;

import java.util.List;

/**
 * One MBPP task: its description, the asserts its code must pass, and what they need first.
 *
 * @param setup {@code test_setup_code} and/or {@code test_imports}, run before the code's tests
 */
record MbppTask(String id, int taskId, String text, List<String> tests, String setup) {

    /** The program the sandbox runs: the answer's code, the setup, then every assert. */
    String program(String code) {
        return code + "\n" + setup + "\n" + String.join("\n", tests) + "\n";
    }
}
