package dev.editgate.model;

import ai.djl.Device;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one definition of a device string, used by the suite parser, the suite schema ({@code
 * suite.schema.json} repeats {@link #ACCEPTED}, checked by a test), the command line's {@code
 * --device} and the model loader: {@code cpu}, {@code cuda} (the first GPU), {@code cuda:N}, or
 * {@code auto} (the first GPU when PyTorch sees one, else the CPU). These are PyTorch's own names,
 * the ones the external-editor protocol sends and EasyEdit reads. {@code gpu} and {@code gpu:N}
 * (DJL's spelling), upper case and surrounding spaces are refused with the spelling to write
 * instead, so that one suite never means two things.
 */
public final class Devices {
    private Devices() {}

    /** The accepted device strings, exactly (no trimming, no case folding). */
    public static final Pattern ACCEPTED = Pattern.compile("auto|cpu|cuda(:[0-9]+)?");

    /** {@link #ACCEPTED} in words, for messages. */
    public static final String ACCEPTED_WORDS = "cpu, cuda, cuda:N, auto";

    private static final Pattern DJL_GPU = Pattern.compile("gpu(:[0-9]+)?");

    /**
     * Why {@code spec} is not a device string, or empty when it is one.
     *
     * @return e.g. {@code device 'gpu:1' is not accepted: write 'cuda:1' (accepted: cpu, cuda,
     *     cuda:N, auto)}
     */
    public static Optional<String> problem(String spec) {
        if (spec != null && ACCEPTED.matcher(spec).matches()) {
            return Optional.empty();
        }
        String accepted = " (accepted: " + ACCEPTED_WORDS + ")";
        if (spec == null) {
            return Optional.of("no device given" + accepted);
        }
        String folded = spec.trim().toLowerCase(Locale.ROOT);
        if (DJL_GPU.matcher(folded).matches()) {
            return Optional.of(
                    "device '"
                            + spec
                            + "' is not accepted: write '"
                            + folded.replace("gpu", "cuda")
                            + "'"
                            + accepted);
        }
        if (ACCEPTED.matcher(folded).matches()) {
            return Optional.of(
                    "device '" + spec + "' is not accepted: write '" + folded + "'" + accepted);
        }
        return Optional.of("unknown device '" + spec + "'" + accepted);
    }

    /**
     * The DJL device a device string names on a machine with {@code gpus} CUDA devices visible.
     *
     * @throws ModelLoadException when {@code spec} is not accepted or names a GPU that is not there
     */
    public static Device resolve(String spec, int gpus) {
        problem(spec)
                .ifPresent(
                        p -> {
                            throw new ModelLoadException(p);
                        });
        if (spec.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (spec.equals("cpu")) {
            return Device.cpu();
        }
        int id = spec.equals("cuda") ? 0 : index(spec);
        if (id >= gpus) {
            throw new ModelLoadException(
                    "device '"
                            + spec
                            + "': PyTorch sees "
                            + gpus
                            + " CUDA device(s) here"
                            + (gpus == 0
                                    ? " (the CPU library is loaded, or no driver is there:"
                                            + " ./editgate doctor says which)"
                                    : ""));
        }
        return Device.gpu(id);
    }

    private static int index(String spec) {
        try {
            return Integer.parseInt(spec.substring(spec.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new ModelLoadException("device '" + spec + "': the GPU number is too large", e);
        }
    }
}
