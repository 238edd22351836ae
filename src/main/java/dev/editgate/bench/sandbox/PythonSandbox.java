package dev.editgate.bench.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs untrusted Python (generated code and its tests) in a separate {@code python3} process: a
 * fresh directory as cwd and {@code HOME}, an empty environment, resource limits (address space,
 * processes, CPU, file size, open files), no network, a wall-clock timeout after which the whole
 * process tree is killed, and truncated output. The isolation level is probed once per interpreter
 * (see {@link Isolation}); a program never gets more than the level reported by {@link
 * #isolation()}.
 */
public final class PythonSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(PythonSandbox.class);
    private static final Map<String, Isolation> PROBED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final String python;
    private final SandboxLimits limits;
    private final Isolation isolation;

    /**
     * A sandbox for {@code python} ({@code null}: {@code /usr/bin/python3} if present, else {@code
     * python3}).
     */
    public PythonSandbox(String python, SandboxLimits limits) {
        this.python =
                python != null
                        ? python
                        : Files.isExecutable(Path.of("/usr/bin/python3"))
                                ? "/usr/bin/python3"
                                : "python3";
        this.limits = limits;
        this.isolation = PROBED.computeIfAbsent(this.python, this::probe);
    }

    /** The interpreter programs run with. */
    public String python() {
        return python;
    }

    public Isolation isolation() {
        return isolation;
    }

    /** Runs {@code program}; never throws for anything the program does. */
    public SandboxResult run(String program) {
        return run(program, "", isolation);
    }

    /** Runs {@code program} with {@code stdin} as its standard input. */
    public SandboxResult run(String program, String stdin) {
        return run(program, stdin, isolation);
    }

    /** Runs at a given level (tests exercise the weaker levels too). */
    SandboxResult run(String program, Isolation level) {
        return run(program, "", level);
    }

    private SandboxResult run(String program, String stdin, Isolation level) {
        Path base = null;
        long start = System.nanoTime();
        try {
            base =
                    Files.createTempDirectory(
                            "editgate-sandbox-",
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rwx------")));
            Path work = Files.createDirectory(base.resolve("work"));
            Files.writeString(
                    work.resolve("program.py"),
                    SandboxPreamble.text(limits, level == Isolation.PROCESS_ONLY) + program,
                    StandardCharsets.UTF_8);
            int uid = 200_000 + ThreadLocalRandom.current().nextInt(50_000);
            if (level == Isolation.NAMESPACES_SETUID) {
                chown(work, uid);
            }
            ProcessBuilder pb =
                    new ProcessBuilder(command(level, work, uid)).directory(work.toFile());
            pb.environment().clear();
            pb.environment()
                    .putAll(
                            Map.of(
                                    "PATH",
                                    "/usr/local/bin:/usr/bin:/bin",
                                    "HOME",
                                    work.toString(),
                                    "TMPDIR",
                                    work.toString(),
                                    "LANG",
                                    "C.UTF-8",
                                    "PYTHONHASHSEED",
                                    "0"));
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the program closed its input or died; its outcome says what happened
            }
            BoundedOutput out =
                    new BoundedOutput(
                            p.getInputStream(), limits.maxOutputBytes(), "sandbox-stdout");
            BoundedOutput err =
                    new BoundedOutput(
                            p.getErrorStream(), limits.maxOutputBytes(), "sandbox-stderr");
            boolean finished = p.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(p);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            String stdout = out.text();
            String stderr = err.text();
            if (!finished) {
                return new SandboxResult(
                        SandboxResult.Outcome.TIMED_OUT, -1, stdout, stderr, millis);
            }
            int code = p.exitValue();
            return new SandboxResult(
                    code == 0 ? SandboxResult.Outcome.PASSED : SandboxResult.Outcome.FAILED,
                    code,
                    stdout,
                    stderr,
                    millis);
        } catch (IOException e) {
            return new SandboxResult(
                    SandboxResult.Outcome.SANDBOX_ERROR,
                    -1,
                    "",
                    "cannot start " + python + " in the sandbox: " + e.getMessage(),
                    0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SandboxResult(SandboxResult.Outcome.SANDBOX_ERROR, -1, "", "interrupted", 0);
        } finally {
            deleteTree(base);
        }
    }

    List<String> command(Isolation level, Path work, int uid) {
        String limitsArgs =
                "--as="
                        + limits.memoryBytes()
                        + " --nproc="
                        + limits.maxProcesses()
                        + " --fsize="
                        + limits.maxFileBytes()
                        + " --cpu="
                        + limits.cpuSeconds()
                        + " --nofile=64 --core=0";
        String tmpfs =
                "for d in /tmp /var/tmp /dev/shm /run/lock; do if [ -d \"$d\" ]; then "
                        + "mount -t tmpfs -o size=16m,mode=1777,nosuid,nodev tmpfs \"$d\"; fi; done; "
                        // the program's folder reappears as /tmp/sandbox: its old path is under the
                        // new tmpfs
                        + "mkdir /tmp/sandbox; mount --bind /proc/self/cwd /tmp/sandbox; cd /tmp/sandbox; "
                        + "export HOME=/tmp/sandbox TMPDIR=/tmp/sandbox; ";
        List<String> cmd = new ArrayList<>();
        switch (level) {
            case NAMESPACES_SETUID -> {
                cmd.addAll(
                        List.of(
                                "unshare",
                                "--net",
                                "--pid",
                                "--mount",
                                "--fork",
                                "--kill-child",
                                "--propagation",
                                "private",
                                "sh",
                                "-c"));
                cmd.add(
                        "set -e; cd \"$1\"; "
                                + tmpfs
                                + "exec prlimit "
                                + limitsArgs
                                + " -- setpriv --reuid="
                                + uid
                                + " --regid="
                                + uid
                                + " --clear-groups --no-new-privs -- \"$2\" -I -B program.py");
            }
            case NAMESPACES_USER -> {
                cmd.addAll(
                        List.of(
                                "unshare",
                                "--user",
                                "--map-root-user",
                                "--net",
                                "--pid",
                                "--mount",
                                "--fork",
                                "--kill-child",
                                "--propagation",
                                "private",
                                "sh",
                                "-c"));
                cmd.add(
                        "set -e; cd \"$1\"; "
                                + tmpfs
                                + "exec prlimit "
                                + limitsArgs
                                + " -- \"$2\" -I -B program.py");
            }
            case PROCESS_ONLY -> {
                return List.of(python, "-I", "-B", "program.py");
            }
            default -> throw new IllegalStateException(level.toString());
        }
        cmd.addAll(List.of("sandbox", work.toString(), python));
        return cmd;
    }

    private Isolation probe(String interpreter) {
        boolean root = "root".equals(System.getProperty("user.name"));
        for (Isolation level :
                root
                        ? List.of(
                                Isolation.NAMESPACES_SETUID,
                                Isolation.NAMESPACES_USER,
                                Isolation.PROCESS_ONLY)
                        : List.of(Isolation.NAMESPACES_USER, Isolation.PROCESS_ONLY)) {
            SandboxResult r = run("import sys\nprint('sandbox-ok', sys.version_info[0])\n", level);
            if (r.passed() && r.stdout().contains("sandbox-ok 3")) {
                LOG.info("Python sandbox for {}: isolation {}", interpreter, level);
                return level;
            }
            LOG.info(
                    "Python sandbox: {} unavailable ({} {})",
                    level,
                    r.outcome(),
                    r.stderr().strip());
        }
        LOG.warn(
                "Python sandbox: {} does not run even without isolation; every program will fail",
                interpreter);
        return Isolation.PROCESS_ONLY;
    }

    private static void chown(Path dir, int uid) throws IOException {
        try {
            Files.setAttribute(dir, "unix:uid", uid);
            Files.setAttribute(dir, "unix:gid", uid);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new IOException(
                    "cannot hand " + dir + " to uid " + uid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kills every descendant, then the process (its PID namespace dies with it where there is one).
     */
    static void killTree(Process p) {
        for (int round = 0; round < 3; round++) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not delete sandbox folder {}: {}", dir, e.getMessage());
        }
    }
}
