package dev.editgate.bench.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile programs are contained and end as failures; the run goes on. */
class PythonSandboxTest {
    private static final SandboxLimits LIMITS =
            SandboxLimits.defaults().withTimeout(Duration.ofSeconds(3));
    private final PythonSandbox sandbox = new PythonSandbox(null, LIMITS);

    @AfterEach
    void noProcessOutlivesItsRun() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
                .isZero();
    }

    @Test
    void correctProgramPassesAndFailingAssertFails() {
        SandboxResult ok =
                sandbox.run(
                        "def add(a, b):\n    return a + b\nassert add(1, 2) == 3\nprint('done')\n");
        assertThat(ok.outcome()).isEqualTo(SandboxResult.Outcome.PASSED);
        assertThat(ok.stdout()).contains("done");
        SandboxResult bad = sandbox.run("assert 1 + 1 == 3\n");
        assertThat(bad.outcome()).isEqualTo(SandboxResult.Outcome.FAILED);
        assertThat(bad.stderr()).contains("AssertionError");
    }

    @Test
    void infiniteLoopTimesOutAndIsKilled() {
        SandboxResult r = sandbox.run("while True:\n    pass\n");
        assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.TIMED_OUT);
        assertThat(r.millis()).isLessThan(15_000);
    }

    @Test
    void forkBombIsContainedAndLeavesNothingBehind() {
        assumeNamespaces();
        SandboxResult r =
                sandbox.run(
                        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n");
        assertThat(r.passed()).isFalse();
        assertThat(r.millis()).isLessThan(20_000);
        assertThat(sandbox.run("print('still fine')\n").passed()).isTrue();
    }

    @Test
    void hugeAllocationFails() {
        SandboxResult r = sandbox.run("x = bytearray(8 * 1024 ** 3)\nprint('allocated')\n");
        assertThat(r.outcome()).isEqualTo(SandboxResult.Outcome.FAILED);
        assertThat(r.stderr()).contains("MemoryError");
        assertThat(r.stdout()).doesNotContain("allocated");
    }

    @Test
    void writesOutsideItsFolderDoNotReachTheHost() {
        assumeNamespaces();
        String name = "editgate-escape-" + UUID.randomUUID();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        SandboxResult r =
                sandbox.run(
                        "import os\n"
                                + "ok = 0\n"
                                + "for p in ['/tmp/"
                                + name
                                + "', '../"
                                + name
                                + "', '../../"
                                + name
                                + "', os.path.expanduser('~/../"
                                + name
                                + "')]:\n"
                                + "    try:\n"
                                + "        open(p, 'w').write('x')\n"
                                + "        ok += 1\n"
                                + "    except OSError as e:\n"
                                + "        print('blocked', p, e)\n"
                                + "open('inside.txt', 'w').write('fine')\n"
                                + "print('inside ok', open('inside.txt').read())\n");
        assertThat(r.stdout()).contains("inside ok fine");
        if (sandbox.isolation() == Isolation.NAMESPACES_SETUID) {
            assertThat(r.stdout())
                    .contains("blocked ../../" + name); // the real root is not writable
        }
        assertThat(tmp.resolve(name)).doesNotExist();
        assertThat(Path.of("/tmp", name)).doesNotExist();
        assertThat(Path.of("/var/tmp", name)).doesNotExist();
    }

    @Test
    void networkIsUnreachable() throws IOException {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    server.accept().close();
                                    accepted.incrementAndGet();
                                } catch (SocketTimeoutException e) {
                                    // nobody came
                                } catch (IOException e) {
                                    // closed
                                }
                            });
            t.start();
            SandboxResult r =
                    sandbox.run(
                            "import socket\n"
                                    + "s = socket.create_connection(('127.0.0.1', "
                                    + server.getLocalPort()
                                    + "), timeout=2)\n"
                                    + "print('connected')\n");
            assertThat(r.passed()).isFalse();
            assertThat(r.stdout()).doesNotContain("connected");
        }
        assertThat(accepted.get()).isZero();
    }

    @Test
    void outputIsTruncated() {
        SandboxResult r = sandbox.run("print('y' * 1000000)\n");
        assertThat(r.passed()).isTrue();
        assertThat(r.stdout().length()).isLessThan(LIMITS.maxOutputBytes() + 100);
        assertThat(r.stdout()).contains("bytes dropped");
    }

    @Test
    void folderIsRemovedAfterTheRun() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countSandboxFolders(tmp);
        SandboxResult r =
                sandbox.run("open('left.txt', 'w').write('x')\nimport os\nprint(os.getcwd())\n");
        assertThat(r.passed()).isTrue();
        assertThat(r.stdout().strip()).isNotEmpty();
        assertThat(countSandboxFolders(tmp)).isEqualTo(before);
    }

    @Test
    void processOnlyFallbackStillLimitsMemoryNetworkAndTime() {
        SandboxResult mem = sandbox.run("x = bytearray(8 * 1024 ** 3)\n", Isolation.PROCESS_ONLY);
        assertThat(mem.stderr()).contains("MemoryError");
        SandboxResult net = sandbox.run("import socket\nsocket.socket()\n", Isolation.PROCESS_ONLY);
        assertThat(net.outcome()).isEqualTo(SandboxResult.Outcome.FAILED);
        assertThat(net.stderr()).contains("network access is disabled");
        SandboxResult loop = sandbox.run("while True:\n    pass\n", Isolation.PROCESS_ONLY);
        assertThat(loop.outcome()).isEqualTo(SandboxResult.Outcome.TIMED_OUT);
        assertThat(sandbox.run("print(6 * 7)\n", Isolation.PROCESS_ONLY).stdout()).contains("42");
    }

    private static long countSandboxFolders(Path tmp) throws IOException {
        try (var s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("editgate-sandbox-"))
                    .count();
        }
    }

    private void assumeNamespaces() {
        assumeTrue(
                sandbox.isolation() != Isolation.PROCESS_ONLY,
                "skipped: this machine gives the sandbox no namespaces (isolation "
                        + sandbox.isolation()
                        + ")");
    }
}
