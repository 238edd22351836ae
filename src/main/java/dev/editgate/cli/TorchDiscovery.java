package dev.editgate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a PyTorch installed from PyPI whose libraries DJL's PyTorch engine can load instead of the
 * bundled CPU one, and the environment DJL reads to load it ({@code PYTORCH_LIBRARY_PATH}, {@code
 * PYTORCH_VERSION}, {@code PYTORCH_FLAVOR}, and the wheel's {@code nvidia/*}/lib folders on {@code
 * LD_LIBRARY_PATH}). It never downloads: the torch is a configured folder ({@code EDITGATE_TORCH}
 * or {@code -Deditgate.torch}), or the one {@code python3} imports, found with {@code
 * importlib.util.find_spec("torch")} (which, unlike {@code import torch}, starts no CUDA).
 *
 * <p>DJL 0.36's {@code pytorch-jni} jar carries its JNI library for PyTorch {@value #JNI_VERSION}
 * in two flavours, {@code cpu} and {@code cu128}; the {@code cu128} one needs nothing from CUDA
 * itself, only torch's own libraries ({@code libc10_cuda}, {@code libtorch_cuda}, ...), so it
 * serves any CUDA 12 build of torch {@value #JNI_VERSION}. A CUDA build needs the NVIDIA driver's
 * {@code libcuda.so.1} even to load (its {@code libcaffe2_nvrtc.so} links it), so without a driver
 * the discovery says so and the bundled CPU library stays in use. What it finds is a {@link
 * TorchInstall}; {@link PythonTorch} asks a Python.
 */
final class TorchDiscovery {
    /** The PyTorch version the JNI library in {@code pytorch-jni} is built for. */
    static final String JNI_VERSION = "2.7.1";

    /** What to run to get a CUDA PyTorch DJL can load (PyPI's Linux wheel is a CUDA 12 build). */
    static final String PIP_INSTALL = "python3 -m pip install torch==" + JNI_VERSION;

    /** Where the NVIDIA driver's {@code libcuda.so.1} is looked for, besides LD_LIBRARY_PATH. */
    static final List<String> DRIVER_DIRS =
            List.of(
                    "/usr/lib/x86_64-linux-gnu",
                    "/lib/x86_64-linux-gnu",
                    "/usr/lib64",
                    "/usr/local/nvidia/lib64",
                    "/usr/local/nvidia/lib",
                    "/usr/lib/wsl/lib",
                    "/usr/local/cuda/compat");

    private final Path root;
    private final String ldLibraryPath;

    /**
     * @param root prepended to the driver folders (the file system root, or a test's folder)
     * @param ldLibraryPath the {@code LD_LIBRARY_PATH} in effect, searched first for the driver
     */
    TorchDiscovery(Path root, String ldLibraryPath) {
        this.root = root;
        this.ldLibraryPath = ldLibraryPath;
    }

    /** On this machine. */
    static TorchDiscovery here() {
        return new TorchDiscovery(Path.of("/"), System.getenv("LD_LIBRARY_PATH"));
    }

    /**
     * The torch in a configured folder: {@code torch/lib} itself, the {@code torch} package folder,
     * the {@code site-packages} folder holding it, or a libtorch archive's folder.
     *
     * @throws IllegalArgumentException naming the folder and the layouts looked for
     */
    TorchInstall configured(Path dir) {
        for (Path candidate : List.of(dir, dir.resolve("lib"), dir.resolve("torch/lib"))) {
            if (Files.isRegularFile(candidate.resolve("libtorch.so"))) {
                return inspect(TorchInstall.Origin.CONFIGURED, candidate);
            }
        }
        throw new IllegalArgumentException(
                dir
                        + ": no libtorch.so in it, in lib/ or in torch/lib/ (expected the torch/lib"
                        + " folder of a PyTorch wheel, e.g. .../site-packages/torch/lib)");
    }

    /** The torch the given Python imports, or empty with the reason in {@code why}. */
    Optional<TorchInstall> fromPython(PythonTorch python, List<String> why) {
        Optional<Path> init = python.torchInit(why);
        if (init.isEmpty()) {
            return Optional.empty();
        }
        Path lib = init.get().getParent().resolve("lib");
        if (!Files.isRegularFile(lib.resolve("libtorch.so"))) {
            why.add(init.get() + ": this torch has no lib/libtorch.so");
            return Optional.empty();
        }
        return Optional.of(inspect(TorchInstall.Origin.PYTHON, lib));
    }

    private TorchInstall inspect(TorchInstall.Origin origin, Path libDir) {
        Path torchDir = libDir.toAbsolutePath().getParent();
        String version = null;
        String cuda = null;
        Path versionPy = torchDir.resolve("version.py");
        Path buildVersion = torchDir.resolve("build-version");
        if (Files.isRegularFile(versionPy)) {
            String text = read(versionPy);
            version = group(Pattern.compile("(?m)^__version__\\s*=\\s*['\"]([^'\"]+)['\"]"), text);
            cuda = group(Pattern.compile("(?m)^cuda(?:\\s*:[^=]*)?=\\s*['\"]([^'\"]+)['\"]"), text);
        } else if (Files.isRegularFile(buildVersion)) {
            version = read(buildVersion).trim();
            Matcher m = Pattern.compile("\\+cu(\\d+)(\\d)$").matcher(version);
            cuda = m.find() ? m.group(1) + "." + m.group(2) : null;
        }
        if (cuda == null && Files.isRegularFile(libDir.resolve("libtorch_cuda.so"))) {
            cuda = "unknown";
        }
        List<Path> nvidia = new ArrayList<>();
        Path nvidiaRoot =
                torchDir.getParent() == null ? null : torchDir.getParent().resolve("nvidia");
        if (nvidiaRoot != null && Files.isDirectory(nvidiaRoot)) {
            try (Stream<Path> s = Files.list(nvidiaRoot)) {
                s.map(p -> p.resolve("lib"))
                        .filter(Files::isDirectory)
                        .sorted()
                        .forEach(nvidia::add);
            } catch (IOException e) {
                throw new IllegalStateException(nvidiaRoot + ": cannot list: " + e.getMessage(), e);
            }
        }
        return new TorchInstall(
                origin, libDir.toAbsolutePath(), version, cuda, List.copyOf(nvidia), driver());
    }

    /** Where {@code libcuda.so.1} is: LD_LIBRARY_PATH first, then {@link #DRIVER_DIRS}. */
    Path driver() {
        List<Path> dirs = new ArrayList<>();
        if (ldLibraryPath != null) {
            for (String d : ldLibraryPath.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : DRIVER_DIRS) {
            dirs.add(root.resolve(d.substring(1)));
        }
        for (Path d : dirs) {
            Path lib = d.resolve("libcuda.so.1");
            if (Files.exists(lib)) {
                return lib;
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /**
     * What a setting selects: a torch DJL can load here, or empty (the bundled CPU library) with
     * the reasons in {@code notes}.
     */
    record Selection(Optional<TorchInstall> torch, List<String> notes) {}

    /**
     * @param setting {@code EDITGATE_TORCH} / {@code editgate.torch}: a folder, {@code auto} or
     *     null (the torch {@code python} imports), or {@code bundled} (none)
     */
    Selection select(String setting, PythonTorch python) {
        List<String> notes = new ArrayList<>();
        if ("bundled".equals(setting)) {
            notes.add("EDITGATE_TORCH=bundled: the CPU library of the pytorch-native-cpu jar");
            return new Selection(Optional.empty(), notes);
        }
        Optional<TorchInstall> torch;
        if (setting == null || setting.isEmpty() || setting.equals("auto")) {
            torch = fromPython(python, notes);
        } else {
            try {
                torch = Optional.of(configured(Path.of(setting)));
            } catch (IllegalArgumentException e) {
                notes.add(e.getMessage());
                torch = Optional.empty();
            }
        }
        if (torch.isPresent() && torch.get().problem().isPresent()) {
            notes.add(torch.get().problem().get());
            return new Selection(Optional.empty(), notes);
        }
        return new Selection(torch, notes);
    }

    /** One {@code export NAME='value'} line per variable, quoted for a POSIX shell. */
    static String exports(List<String[]> env) {
        StringBuilder out = new StringBuilder();
        for (String[] kv : env) {
            out.append("export ")
                    .append(kv[0])
                    .append("='")
                    .append(kv[1].replace("'", "'\\''"))
                    .append("'\n");
        }
        return out.toString();
    }
}
