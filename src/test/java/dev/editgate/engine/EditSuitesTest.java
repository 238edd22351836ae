package dev.editgate.engine;

/**
 * Runs the suite files under {@code suites/} as part of {@code mvn test}: Surefire selects this
 * class, the editgate engine resolves it to the suites and reports their tests under it.
 */
@EditGateSuites("suites")
class EditSuitesTest {}
