package dev.editgate.bench.mbpp;

import java.util.List;

/**
 * One MBPP task: its description, the asserts its code must pass, and what they need first.
 *
 * @param setup {@code test_setup_code} and/or {@code test_imports}; kept for reports, not run (as
 *     OpenCompass runs only the code and {@code test_list})
 */
record MbppTask(String id, int taskId, String text, List<String> tests, String setup) {}
