package dev.editgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import ai.djl.ndarray.NDArray;
import dev.editgate.edit.EditMethodProvider;
import dev.editgate.report.ResultRecord;
import dev.editgate.report.ResultStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * README "Write your own editing method", the Java path: the example provider (source in {@code
 * src/test/resources/dev/editgate/edit/example/ShrinkProvider.java}, shown in the README) is
 * compiled into a jar of its own with its {@code META-INF/services} entry, and the engine finds it
 * on the class path through {@link java.util.ServiceLoader} and runs a suite with it.
 */
class UserJarProviderTest {
    static final Path EXAMPLE = Path.of("src/test/resources/dev/editgate/edit/example");

    @TempDir Path dir;

    @Test
    void providerFromTheUsersOwnJarRunsASuite() throws Exception {
        Path jar = userJar();
        EngineExecutionResults without = run("without");
        assertThat(without.containerEvents().failed().count()).isEqualTo(1);

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, previous)) {
            Thread.currentThread().setContextClassLoader(loader);
            run("with").testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        List<ResultRecord> records = ResultStore.read(dir.resolve("reports/with/results.jsonl"));
        assertThat(records)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.method()).isEqualTo("shrink");
                            assertThat(r.value() / r.baseline())
                                    .isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-6));
                        });
        assertThat(Files.readString(Path.of("README.md")))
                .as("the README shows the example as it is tested")
                .contains(Files.readString(EXAMPLE.resolve("ShrinkProvider.java")).strip());
    }

    private EngineExecutionResults run(String runId) {
        return Fixtures.kit(dir, runId)
                .selectors(selectFile(EXAMPLE.resolve("shrink.yaml").toFile()))
                .execute();
    }

    /** Compiles the example against EditGate's and DJL's classes and jars it with its service. */
    private Path userJar() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "needs a JDK (javax.tools) to compile the example");
        Path classes = dir.resolve("classes");
        String classpath =
                Stream.of(EditMethodProvider.class, NDArray.class)
                        .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath())
                        .reduce((a, b) -> a + java.io.File.pathSeparator + b)
                        .orElseThrow();
        int rc =
                javac.run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        "-cp",
                        classpath,
                        EXAMPLE.resolve("ShrinkProvider.java").toString());
        assertThat(rc).as("javac exit code").isZero();
        Path jar = dir.resolve("my-editor.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
            j.putNextEntry(new JarEntry("META-INF/services/" + EditMethodProvider.class.getName()));
            j.write("org.example.editing.ShrinkProvider\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return jar;
    }
}
