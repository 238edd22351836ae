package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@link TorchDiscovery} looks and what it concludes, on folder layouts made here: a PyPI
 * wheel in site-packages (CUDA and CPU builds, with its nvidia-* folders), a libtorch archive, the
 * wrong version, no driver. Which libraries DJL then loads is {@code DoctorTest}'s (on this
 * machine's real engine).
 */
class TorchDiscoveryTest {
    @TempDir Path dir;

    /** site-packages/torch/{lib/libtorch.so, version.py} and nvidia/{cublas,cudnn}/lib. */
    private Path wheel(String version, String cuda) throws IOException {
        Path site = dir.resolve("venv/lib/python3.11/site-packages");
        Path torch = site.resolve("torch");
        Files.createDirectories(torch.resolve("lib"));
        Files.writeString(torch.resolve("lib/libtorch.so"), "");
        Files.writeString(torch.resolve("__init__.py"), "");
        Files.writeString(
                torch.resolve("version.py"),
                "from typing import Optional\n\n__all__ = ['__version__', 'debug', 'cuda']\n"
                        + "__version__ = '"
                        + version
                        + "'\ndebug = False\ncuda: Optional[str] = "
                        + (cuda == null ? "None" : "'" + cuda + "'")
                        + "\ngit_version = 'abc'\n");
        if (cuda != null) {
            Files.writeString(torch.resolve("lib/libtorch_cuda.so"), "");
            for (String n : List.of("cublas", "cudnn")) {
                Files.createDirectories(site.resolve("nvidia/" + n + "/lib"));
            }
            Files.createDirectories(site.resolve("nvidia/__pycache__"));
        }
        return torch;
    }

    private Path driverRoot() throws IOException {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Files.writeString(root.resolve("usr/lib/x86_64-linux-gnu/libcuda.so.1"), "");
        return root;
    }

    private static PythonTorch answering(Path init) {
        return why -> Optional.of(init);
    }

    @Test
    void aCudaWheelFoundThroughPythonGivesDjlItsFolderVersionFlavourAndCudaLibraries()
            throws IOException {
        Path torch = wheel("2.7.1+cu126", "12.6");
        TorchDiscovery d = new TorchDiscovery(driverRoot(), null);

        TorchDiscovery.Selection s = d.select(null, answering(torch.resolve("__init__.py")));

        TorchInstall t = s.torch().orElseThrow();
        assertThat(t.libDir()).isEqualTo(torch.resolve("lib"));
        assertThat(t.version()).isEqualTo("2.7.1+cu126");
        assertThat(t.cuda()).isEqualTo("12.6");
        assertThat(t.flavor()).isEqualTo("cu128");
        assertThat(t.driver()).hasFileName("libcuda.so.1");
        Path nvidia = torch.getParent().resolve("nvidia");
        assertThat(TorchDiscovery.exports(t.environment("/opt/x")))
                .isEqualTo(
                        "export PYTORCH_LIBRARY_PATH='"
                                + torch.resolve("lib")
                                + "'\nexport PYTORCH_VERSION='2.7.1'\n"
                                + "export PYTORCH_FLAVOR='cu128'\n"
                                + "export LD_LIBRARY_PATH='"
                                + nvidia.resolve("cublas/lib")
                                + ":"
                                + nvidia.resolve("cudnn/lib")
                                + ":/opt/x'\n");
    }

    @Test
    void aConfiguredFolderMayBeTorchLibTheTorchPackageOrSitePackages() throws IOException {
        Path torch = wheel("2.7.1+cu128", "12.8");
        TorchDiscovery d = new TorchDiscovery(driverRoot(), null);
        for (Path p : List.of(torch.resolve("lib"), torch, torch.getParent())) {
            TorchDiscovery.Selection s = d.select(p.toString(), null);
            assertThat(s.torch()).as(p.toString()).isPresent();
            assertThat(s.torch().get().libDir()).isEqualTo(torch.resolve("lib"));
            assertThat(s.torch().get().origin()).isEqualTo(TorchInstall.Origin.CONFIGURED);
        }
        TorchDiscovery.Selection none = d.select(dir.resolve("empty").toString(), null);
        assertThat(none.torch()).isEmpty();
        assertThat(none.notes())
                .containsExactly(
                        dir.resolve("empty")
                                + ": no libtorch.so in it, in lib/ or in torch/lib/ (expected the"
                                + " torch/lib folder of a PyTorch wheel, e.g."
                                + " .../site-packages/torch/lib)");
    }

    @Test
    void aCpuWheelNeedsNoDriverAndSelectsTheCpuFlavour() throws IOException {
        Path torch = wheel("2.7.1+cpu", null);
        TorchDiscovery d = new TorchDiscovery(dir.resolve("no-driver"), null);
        TorchInstall t = d.select(torch.toString(), null).torch().orElseThrow();
        assertThat(t.flavor()).isEqualTo("cpu");
        assertThat(t.cudaLibDirs()).isEmpty();
        assertThat(TorchDiscovery.exports(t.environment(null)))
                .doesNotContain("LD_LIBRARY_PATH")
                .contains("export PYTORCH_FLAVOR='cpu'");
    }

    @Test
    void aCudaBuildWithoutTheDriverIsNotSelectedAndTheReasonSaysWhy() throws IOException {
        Path torch = wheel("2.7.1+cu126", "12.6");
        TorchDiscovery d = new TorchDiscovery(dir.resolve("no-driver"), null);
        TorchDiscovery.Selection s = d.select("auto", answering(torch.resolve("__init__.py")));
        assertThat(s.torch()).isEmpty();
        assertThat(s.notes().get(0))
                .startsWith(torch.resolve("lib") + ": a CUDA build (CUDA 12.6), but the NVIDIA")
                .contains("driver (libcuda.so.1) is in none of LD_LIBRARY_PATH, /usr/lib/x86_64");

        // the driver on LD_LIBRARY_PATH is found there
        Path drv = dir.resolve("drv");
        Files.createDirectories(drv);
        Files.writeString(drv.resolve("libcuda.so.1"), "");
        TorchDiscovery withPath = new TorchDiscovery(dir.resolve("no-driver"), "/nowhere:" + drv);
        assertThat(withPath.select(torch.toString(), null).torch()).isPresent();
        assertThat(withPath.driver()).isEqualTo(drv.resolve("libcuda.so.1"));
    }

    @Test
    void anotherVersionIsRefusedWithThePipCommand() throws IOException {
        Path torch = wheel("2.8.0+cu128", "12.8");
        TorchDiscovery.Selection s =
                new TorchDiscovery(driverRoot(), null).select(torch.toString(), null);
        assertThat(s.torch()).isEmpty();
        assertThat(s.notes())
                .containsExactly(
                        torch.resolve("lib")
                                + ": torch 2.8.0+cu128, but DJL's JNI library is built for 2.7.1"
                                + " (python3 -m pip install torch==2.7.1)");
    }

    @Test
    void aLibtorchArchiveIsReadFromItsBuildVersion() throws IOException {
        Path libtorch = dir.resolve("libtorch");
        Files.createDirectories(libtorch.resolve("lib"));
        Files.writeString(libtorch.resolve("lib/libtorch.so"), "");
        Files.writeString(libtorch.resolve("build-version"), "2.7.1+cu128\n");
        TorchInstall t =
                new TorchDiscovery(driverRoot(), null)
                        .select(libtorch.toString(), null)
                        .torch()
                        .orElseThrow();
        assertThat(t.version()).isEqualTo("2.7.1+cu128");
        assertThat(t.cuda()).isEqualTo("12.8");
        assertThat(t.flavor()).isEqualTo("cu128");
    }

    @Test
    void bundledSelectsNothingAndAPythonWithoutTorchSaysSo() throws IOException {
        TorchDiscovery d = new TorchDiscovery(driverRoot(), null);
        assertThat(d.select("bundled", null).torch()).isEmpty();

        // a real process: a Python that prints an empty origin is "no torch module"
        Path fake = dir.resolve("python3");
        Files.writeString(fake, "#!/bin/sh\necho ''\n");
        fake.toFile().setExecutable(true);
        List<String> why = new ArrayList<>();
        assertThat(PythonTorch.of(fake.toString()).torchInit(why)).isEmpty();
        assertThat(why).containsExactly(fake + " has no torch module");

        List<String> missing = new ArrayList<>();
        assertThat(PythonTorch.of(dir.resolve("nope").toString()).torchInit(missing)).isEmpty();
        assertThat(missing.get(0)).startsWith(dir.resolve("nope") + " cannot be run");
    }
}
