package dev.editgate.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Deprecated: run suite files with the JUnit Platform suite engine instead, as Cucumber deprecated
 * its own marker annotation for the same reason:
 *
 * <pre>{@code
 * @Suite
 * @IncludeEngines("editgate")
 * @SelectDirectories("suites")
 * class EditSuitesTest {}
 * }</pre>
 *
 * (with {@code org.junit.platform:junit-platform-suite} on the test class path). Still understood.
 *
 * <p>Marks a class whose selection (by Surefire, Gradle or an IDE) runs the suite files found in
 * the named folders, relative to the working directory (the project root under Maven).
 *
 * <pre>{@code
 * @EditGateSuites("suites")
 * class EditSuitesTest {}
 * }</pre>
 *
 * <p>Build tools hand engines only the classes they find; this class is how suite files reach them,
 * and it gives their tests the class Surefire reports them under.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Deprecated
public @interface EditGateSuites {

    /** Folders (or single files) of suite files, relative to the working directory. */
    String[] value() default {"suites"};
}
