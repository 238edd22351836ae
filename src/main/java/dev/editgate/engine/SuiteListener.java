package dev.editgate.engine;

import dev.editgate.scenario.Suite;

/**
 * Hears about each valid suite as discovery finds it, with what the test plan does not carry (its
 * {@code description}); {@code editgate list} shows it. Runs on the discovering thread; a suite
 * found through several selectors may be heard more than once.
 */
@FunctionalInterface
public interface SuiteListener {

    /** Nobody listening. */
    SuiteListener NONE = suite -> {};

    /** {@code suite} was parsed, validated and added to the test tree. */
    void discovered(Suite suite);
}
