package dev.editgate.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Platform;
import dev.editgate.model.Devices;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code editgate doctor}: the PyTorch engine in use (DJL and PyTorch versions, the native
 * library's folder, its flavour), the devices it sees, the dtypes that compute on each, the offline
 * settings, the torch {@link TorchDiscovery} finds, and what to install or set when CUDA is
 * missing. Exit 1 when the engine does not load, or when {@code --device} names a device that is
 * not usable here.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = "What the model runtime finds on this machine, and what is missing.")
final class DoctorCommand implements Callable<Integer> {
    @Option(
            names = "--device",
            converter = DeviceConverter.class,
            description = "exit 1 unless this device (cpu, cuda, cuda:N, auto) is usable here")
    String device;

    @Option(
            names = "--probe-dtypes",
            hidden = true,
            description = "(internal) compute in each dtype on this device, one line each")
    String probeDevice;

    private final PrintStream out = System.out;

    static PythonTorch python() {
        String exe = System.getenv("EDITGATE_PYTHON");
        return PythonTorch.of(exe == null || exe.isEmpty() ? "python3" : exe);
    }

    @Override
    public Integer call() {
        if (probeDevice != null) {
            return DtypeProbe.child(probeDevice, out);
        }
        int code = 0;
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        int gpus = -1;
        try {
            Engine engine = Engine.getEngine("PyTorch");
            gpus = engine.getGpuCount();
            String flavor =
                    override != null
                            ? String.valueOf(System.getenv("PYTORCH_FLAVOR"))
                            : Platform.detectPlatform("pytorch").getFlavor();
            line("engine", "DJL " + Engine.getDjlVersion() + ", PyTorch " + engine.getVersion());
            line(
                    "library",
                    LibUtils.getLibtorchPath()
                            + (override != null
                                    ? "  (PYTORCH_LIBRARY_PATH)"
                                    : "  (bundled: the pytorch-native-cpu jar)"));
            line("flavour", flavor);
            line("devices", devices(gpus));
            List<Device> all = new ArrayList<>();
            all.add(Device.cpu());
            for (int i = 0; i < gpus; i++) {
                all.add(Device.gpu(i));
            }
            for (Device d : all) {
                line("dtypes", name(d) + ": " + DtypeProbe.dtypes(name(d)));
            }
        } catch (RuntimeException | LinkageError e) {
            line("engine", "FAILED to load: " + rootMessage(e));
            if (override != null) {
                line(
                        "",
                        "PYTORCH_LIBRARY_PATH="
                                + override
                                + " is set; unset it (and PYTORCH_VERSION, PYTORCH_FLAVOR) to"
                                + " use the bundled CPU library");
            }
            code = 1;
        }
        nvidiaSmi().forEach(l -> line("nvidia-smi", l));
        line(
                "offline",
                "DJL_OFFLINE="
                        + System.getenv("DJL_OFFLINE")
                        + " OPT_OUT_TRACKING="
                        + System.getenv("OPT_OUT_TRACKING")
                        + " -Doffline="
                        + System.getProperty("offline")
                        + " -Dai.djl.offline="
                        + System.getProperty("ai.djl.offline"));
        String setting = System.getenv("EDITGATE_TORCH");
        TorchDiscovery.Selection found = TorchDiscovery.here().select(setting, python());
        line(
                "torch",
                found.torch()
                        .map(DoctorCommand::describe)
                        .orElse("none usable for CUDA: " + String.join("; ", found.notes())));
        if (gpus <= 0) {
            hints(found, override);
        }
        if (device != null && code == 0) {
            if (gpus < 0 || (!device.equals("cpu") && !device.equals("auto") && gpus == 0)) {
                out.println();
                out.println(
                        "doctor: device '"
                                + device
                                + "' is not usable here: PyTorch sees "
                                + Math.max(gpus, 0)
                                + " CUDA device(s)");
                code = 1;
            } else if (device.startsWith("cuda:")) {
                try {
                    Devices.resolve(device, gpus);
                } catch (RuntimeException e) {
                    out.println("doctor: " + e.getMessage());
                    code = 1;
                }
            }
        }
        return code;
    }

    private void hints(TorchDiscovery.Selection found, String override) {
        out.println();
        out.println("to run on a GPU:");
        if (found.torch().isPresent() && override == null) {
            TorchInstall t = found.torch().get();
            out.println("  a usable torch is installed; the CPU library is in use because no CUDA");
            out.println("  device was asked for. ./editgate loads it with --device cuda[:N] or");
            out.println("  EDITGATE_TORCH=auto (for run, whose device is in the suite);");
            out.println("  mvn test: -Deditgate.torch=" + t.libDir() + ". By hand:");
            out.print(
                    TorchDiscovery.exports(t.environment(System.getenv("LD_LIBRARY_PATH")))
                            .replaceAll("(?m)^", "    "));
            return;
        }
        out.println("  1. the NVIDIA driver: nvidia-smi lists the GPU, libcuda.so.1 is installed");
        out.println("  2. " + TorchDiscovery.PIP_INSTALL);
        out.println(
                "     (PyPI's Linux wheel is a CUDA 12 build and brings its nvidia-* libraries;");
        out.println("     or --index-url https://download.pytorch.org/whl/cu128)");
        out.println(
                "  3. ./editgate finds it through python3 (EDITGATE_PYTHON=/path/to/python for");
        out.println("     another one) when --device cuda[:N] is given or EDITGATE_TORCH=auto;");
        out.println("     EDITGATE_TORCH=/path/to/site-packages/torch/lib names it directly;");
        out.println("     mvn test: -Deditgate.torch=/path/to/site-packages/torch/lib");
        out.println(
                "  which sets PYTORCH_LIBRARY_PATH=<torch/lib> PYTORCH_VERSION="
                        + TorchDiscovery.JNI_VERSION
                        + " PYTORCH_FLAVOR=cu128 for DJL.");
    }

    static String describe(TorchInstall t) {
        return t.libDir()
                + " (torch "
                + t.version()
                + (t.cuda() == null ? ", CPU build" : ", CUDA " + t.cuda())
                + ", JNI flavour "
                + t.flavor()
                + (t.driver() == null ? "" : ", driver " + t.driver())
                + (t.origin() == TorchInstall.Origin.PYTHON
                        ? ", from python3"
                        : ", from EDITGATE_TORCH")
                + ")";
    }

    private static String devices(int gpus) {
        String visible = System.getenv("CUDA_VISIBLE_DEVICES");
        StringBuilder s = new StringBuilder("cpu; ").append(gpus).append(" CUDA");
        for (int i = 0; i < gpus; i++) {
            s.append(i == 0 ? ": " : ", ").append("cuda:").append(i);
        }
        s.append(" (CUDA_VISIBLE_DEVICES ")
                .append(visible == null ? "unset" : "=" + visible)
                .append(")");
        return s.toString();
    }

    private static String name(Device d) {
        return d.isGpu() ? "cuda:" + d.getDeviceId() : "cpu";
    }

    private static List<String> nvidiaSmi() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of("no answer within 10 s");
            }
            return text.strip().lines().toList();
        } catch (IOException e) {
            return List.of("not on PATH (no NVIDIA driver tools)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName())
                + (t == e ? "" : " [" + e.getClass().getSimpleName() + "]");
    }

    private void line(String label, String value) {
        out.printf("%-10s  %s%n", label, value);
    }
}
