package dev.editgate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A torch installation that {@link TorchDiscovery} found: where its libraries are, what it was
 * built for, and whether DJL can load it here.
 *
 * @param libDir the folder holding {@code libtorch.so}
 * @param version e.g. {@code 2.7.1+cu126}, from {@code torch/version.py} (a wheel) or {@code
 *     build-version} (a libtorch archive); null when neither is there
 * @param cuda the CUDA version it was built for ({@code 12.6}), null for a CPU build
 * @param cudaLibDirs the wheel's {@code site-packages/nvidia/<name>/lib} folders
 * @param driver where {@code libcuda.so.1} was found, null when nowhere
 */
record TorchInstall(
        Origin origin,
        Path libDir,
        String version,
        String cuda,
        List<Path> cudaLibDirs,
        Path driver) {

    /** The version without its local part ({@code 2.7.1}). */
    String baseVersion() {
        return version == null ? null : version.replaceFirst("\\+.*", "");
    }

    /** The JNI flavour DJL must pick for it: {@code cpu} or {@code cu128}. */
    String flavor() {
        return cuda == null ? "cpu" : "cu128";
    }

    /** Why DJL cannot load it here, or empty when it can. */
    Optional<String> problem() {
        if (version == null) {
            return Optional.of(
                    libDir
                            + ": no torch/version.py or build-version beside it, so its"
                            + " version is unknown; DJL needs torch "
                            + TorchDiscovery.JNI_VERSION
                            + " ("
                            + TorchDiscovery.PIP_INSTALL
                            + ")");
        }
        if (!TorchDiscovery.JNI_VERSION.equals(baseVersion())) {
            return Optional.of(
                    libDir
                            + ": torch "
                            + version
                            + ", but DJL's JNI library is built for "
                            + TorchDiscovery.JNI_VERSION
                            + " ("
                            + TorchDiscovery.PIP_INSTALL
                            + ")");
        }
        if (cuda != null && !cuda.startsWith("12.")) {
            return Optional.of(
                    libDir
                            + ": torch "
                            + version
                            + " is built for CUDA "
                            + cuda
                            + "; the JNI library in pytorch-jni is the CUDA 12 one (cu128)");
        }
        if (cuda != null && driver == null) {
            return Optional.of(
                    libDir
                            + ": a CUDA build (CUDA "
                            + cuda
                            + "), but the NVIDIA driver (libcuda.so.1) is in none of "
                            + "LD_LIBRARY_PATH, "
                            + String.join(", ", TorchDiscovery.DRIVER_DIRS)
                            + "; a CUDA torch does not load without it");
        }
        return Optional.empty();
    }

    /** The variables DJL reads to load this torch (shell-ready values, not quoted). */
    List<String[]> environment(String ldLibraryPath) {
        List<String[]> env = new ArrayList<>();
        env.add(new String[] {"PYTORCH_LIBRARY_PATH", libDir.toString()});
        env.add(new String[] {"PYTORCH_VERSION", baseVersion()});
        env.add(new String[] {"PYTORCH_FLAVOR", flavor()});
        if (!cudaLibDirs.isEmpty()) {
            List<String> parts = new ArrayList<>();
            cudaLibDirs.forEach(d -> parts.add(d.toString()));
            if (ldLibraryPath != null && !ldLibraryPath.isEmpty()) {
                parts.add(ldLibraryPath);
            }
            env.add(new String[] {"LD_LIBRARY_PATH", String.join(":", parts)});
        }
        return env;
    }

    /** How the torch was found: a configured folder, or Python's own. */
    enum Origin {
        CONFIGURED,
        PYTHON
    }
}
