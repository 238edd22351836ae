package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code editgate doctor} on this machine's real engine (the bundled CPU library, no GPU), and the
 * whole override path on CPU: {@code torch-env} finds a torch in a configured folder, its exports
 * make a fresh JVM's DJL load that folder's libraries, and doctor says so.
 */
class DoctorTest {
    @TempDir Path dir;

    private static String doctor(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("doctor"));
            all.addAll(List.of(args));
            int code = Main.run(all.toArray(String[]::new));
            return code + "\n" + captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void reportsTheBundledCpuEngineItsDtypesAndWhatToInstallForAGpu() {
        String out = doctor();
        Engine engine = Engine.getEngine("PyTorch");
        assertThat(out)
                .startsWith("0\n")
                .contains("engine      DJL 0.36.0, PyTorch 2.7.1")
                .contains(
                        "library     "
                                + LibUtils.getLibtorchPath()
                                + "  (bundled: the pytorch-native-cpu jar)")
                .contains("flavour     cpu")
                .contains("devices     cpu; 0 CUDA")
                // DJL 0.36 aborts the process converting to bfloat16 on the CPU; the probe runs in
                // a child JVM, so doctor reports it and goes on
                .containsPattern(
                        "dtypes      cpu: float32 ok, float16 ok, bfloat16 (ok|ABORTS the JVM"
                                + " \\(terminate called without an active exception\\))\n")
                .contains("offline     DJL_OFFLINE=true OPT_OUT_TRACKING=true")
                .contains("torch       ")
                .contains("to run on a GPU:")
                .contains("python3 -m pip install torch==2.7.1")
                .contains("-Deditgate.torch=");
        assertThat(engine.getGpuCount()).isZero();
    }

    @Test
    void aDeviceThatIsNotHereExitsOne() {
        assertThat(doctor("--device", "cpu")).startsWith("0\n");
        assertThat(doctor("--device", "cuda:1"))
                .startsWith("1\n")
                .contains(
                        "doctor: device 'cuda:1' is not usable here: PyTorch sees 0 CUDA device(s)");
    }

    /** A libtorch folder made of the bundled CPU libraries, as a libtorch archive lays it out. */
    private Path libtorchFolder() throws IOException {
        Engine.getEngine("PyTorch"); // extracts the bundled library, if not yet
        Path bundled = Path.of(LibUtils.getLibtorchPath());
        Path lib = dir.resolve("libtorch/lib");
        Files.createDirectories(lib);
        try (Stream<Path> files = Files.list(bundled)) {
            for (Path f : files.filter(f -> f.getFileName().toString().contains(".so")).toList()) {
                if (!f.getFileName().toString().contains("djl_torch")) {
                    Files.createSymbolicLink(lib.resolve(f.getFileName()), f);
                }
            }
        }
        Files.writeString(dir.resolve("libtorch/build-version"), "2.7.1+cpu\n");
        return dir.resolve("libtorch");
    }

    private static String child(Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("PYTORCH_LIBRARY_PATH");
        pb.environment().remove("PYTORCH_VERSION");
        pb.environment().remove("PYTORCH_FLAVOR");
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + "\n" + out;
    }

    @Test
    void theLaunchersExportsMakeDjlLoadTheConfiguredTorch() throws Exception {
        Path libtorch = libtorchFolder();

        String exports = child(Map.of("EDITGATE_TORCH", libtorch.toString()), "torch-env");
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^export (\\w+)='([^']*)'$").matcher(exports);
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        assertThat(env)
                .containsExactly(
                        Map.entry("PYTORCH_LIBRARY_PATH", libtorch.resolve("lib").toString()),
                        Map.entry("PYTORCH_VERSION", "2.7.1"),
                        Map.entry("PYTORCH_FLAVOR", "cpu"));

        String out = child(env, "doctor");
        assertThat(out)
                .startsWith("0\n")
                .contains("library     " + libtorch.resolve("lib") + "  (PYTORCH_LIBRARY_PATH)")
                .contains("flavour     cpu")
                .contains("dtypes      cpu: float32 ok, float16 ok, bfloat16 ");
    }

    @Test
    void theMavenProfileSetsWhatTheLauncherExports() throws Exception {
        Document pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(Path.of("pom.xml").toFile());
        NodeList profiles = pom.getElementsByTagName("profile");
        Element cuda = null;
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if (p.getElementsByTagName("id").item(0).getTextContent().equals("editgate-cuda")) {
                cuda = p;
            }
        }
        assertThat(cuda).as("profile editgate-cuda in pom.xml").isNotNull();
        assertThat(cuda.getElementsByTagName("activation").item(0).getTextContent().trim())
                .isEqualTo("editgate.torch");
        Element env = (Element) cuda.getElementsByTagName("environmentVariables").item(0);
        assertThat(env.getElementsByTagName("PYTORCH_LIBRARY_PATH").item(0).getTextContent())
                .isEqualTo("${editgate.torch}");
        assertThat(env.getElementsByTagName("PYTORCH_VERSION").item(0).getTextContent())
                .isEqualTo("${pytorch.native.version}");
        assertThat(pom.getElementsByTagName("pytorch.native.version").item(0).getTextContent())
                .isEqualTo(TorchDiscovery.JNI_VERSION);
        assertThat(env.getElementsByTagName("PYTORCH_FLAVOR").item(0).getTextContent())
                .isEqualTo("${editgate.torch.flavor}");
        // and under that profile (mvn test -Deditgate.torch=DIR, a user property Surefire passes
        // on), this very JVM got the variable and its engine loaded that folder's libraries
        String property = System.getProperty("editgate.torch");
        String configured = System.getenv("PYTORCH_LIBRARY_PATH");
        if (property != null) {
            assertThat(configured).isEqualTo(property);
            Engine.getEngine("PyTorch");
            assertThat(Path.of(LibUtils.getLibtorchPath()))
                    .isEqualTo(Path.of(configured).toAbsolutePath());
        }
    }
}
