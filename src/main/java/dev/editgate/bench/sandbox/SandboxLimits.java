package dev.editgate.bench.sandbox;

import java.time.Duration;

/**
 * What one sandboxed program may use.
 *
 * @param timeout wall-clock limit; the whole process tree is killed when it passes
 * @param memoryBytes address-space limit (RLIMIT_AS) of each process
 * @param maxProcesses process limit (RLIMIT_NPROC) of the sandbox's user
 * @param maxFileBytes largest file the program may write (RLIMIT_FSIZE)
 * @param maxOutputBytes stdout and stderr are each kept up to this many bytes, the rest dropped
 */
public record SandboxLimits(
        Duration timeout,
        long memoryBytes,
        int maxProcesses,
        long maxFileBytes,
        int maxOutputBytes) {

    /** MBPP defaults: 10 s, 1 GiB, 32 processes, 16 MiB files, 16 KiB of output. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofSeconds(10), 1L << 30, 32, 16L << 20, 16 << 10);
    }

    public SandboxLimits withTimeout(Duration t) {
        return new SandboxLimits(t, memoryBytes, maxProcesses, maxFileBytes, maxOutputBytes);
    }

    /** CPU seconds allowed (RLIMIT_CPU): the wall-clock limit rounded up, plus one. */
    long cpuSeconds() {
        return (timeout.toMillis() + 999) / 1000 + 1;
    }
}
