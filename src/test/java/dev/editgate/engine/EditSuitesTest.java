package dev.editgate.engine;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the suite files under {@code suites/} as part of {@code mvn test}, the JUnit Platform way:
 * Surefire selects this class, the suite engine hands the folder to the editgate engine and reports
 * the suites' tests under this class. Surefire's tag filters ({@code -DexcludedGroups}) apply to
 * them.
 */
@Suite
@IncludeEngines("editgate")
@SelectDirectories("suites")
class EditSuitesTest {}
