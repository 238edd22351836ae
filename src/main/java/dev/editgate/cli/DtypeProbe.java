package dev.editgate.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which dtypes compute on a device, for {@code doctor}: a 4×4 matmul and softmax in each, probed in
 * a child JVM ({@code doctor --probe-dtypes DEVICE:DTYPES}), because a conversion can abort the
 * process rather than throw.
 */
final class DtypeProbe {
    /** The dtypes a model may compute in ({@code Models.DTYPES} without {@code auto}). */
    static final List<DataType> DTYPES =
            List.of(DataType.FLOAT32, DataType.FLOAT16, DataType.BFLOAT16);

    private DtypeProbe() {}

    /**
     * Each dtype on a device, probed in a child JVM ({@code doctor --probe-dtypes DEVICE}): a
     * conversion that aborts the process (DJL 0.36 converting to bfloat16 on the CPU does: {@code
     * terminate called without an active exception}) is reported instead of taking doctor down; the
     * dtypes after it are probed in a new child.
     */
    static String dtypes(String device) {
        List<String> parts = new ArrayList<>();
        List<DataType> left = new ArrayList<>(DTYPES);
        while (!left.isEmpty()) {
            List<String> lines = new ArrayList<>();
            String tail;
            try {
                ProcessBuilder pb =
                        new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName(),
                                "doctor",
                                "--probe-dtypes",
                                device + ":" + names(left));
                pb.redirectErrorStream(true);
                Process p = pb.start();
                p.getOutputStream().close();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(120, TimeUnit.SECONDS);
                text.lines().filter(l -> l.startsWith("dtype ")).forEach(lines::add);
                tail =
                        text.lines()
                                .filter(l -> !l.startsWith("dtype ") && !l.contains(" INFO "))
                                .reduce((x, y) -> y)
                                .orElse("exit " + p.exitValue());
            } catch (IOException e) {
                parts.add("not probed (" + e.getMessage() + ")");
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (String l : lines) {
                parts.add(l.substring("dtype ".length()));
                left.remove(0);
            }
            if (!left.isEmpty()) {
                parts.add(name(left.remove(0)) + " ABORTS the JVM (" + tail.strip() + ")");
            }
        }
        return String.join(", ", parts);
    }

    private static String names(List<DataType> dts) {
        List<String> n = new ArrayList<>();
        dts.forEach(d -> n.add(name(d)));
        return String.join(",", n);
    }

    /** The child's side: {@code cpu:float32,float16} → one {@code dtype NAME ok} line each. */
    static int child(String spec, PrintStream out) {
        int colon = spec.lastIndexOf(':');
        String device = spec.substring(0, colon);
        Engine engine = Engine.getEngine("PyTorch");
        Device d =
                device.equals("cpu")
                        ? Device.cpu()
                        : Device.gpu(Integer.parseInt(device.substring(5)));
        for (String dtName : spec.substring(colon + 1).split(",")) {
            DataType dt =
                    DTYPES.stream().filter(x -> name(x).equals(dtName)).findFirst().orElseThrow();
            String result;
            try (NDManager m = engine.newBaseManager(d)) {
                NDArray a = m.arange(16f).reshape(new Shape(4, 4)).div(16f).toType(dt, false);
                float sum =
                        a.matMul(a).softmax(-1).toType(DataType.FLOAT32, false).sum().getFloat();
                result = Math.abs(sum - 4f) < 1e-2 ? " ok" : " WRONG (" + sum + ")";
            } catch (RuntimeException e) {
                result = " FAILED (" + DoctorCommand.rootMessage(e) + ")";
            }
            out.println("dtype " + dtName + result);
            out.flush();
        }
        return 0;
    }

    static String name(DataType dt) {
        return switch (dt) {
            case FLOAT32 -> "float32";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            default -> dt.toString();
        };
    }
}
