package dev.editgate.edit.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running worker process: requests as JSON lines on its stdin, answers read from its stdout
 * with a timeout, its stderr copied line by line into the run's log (SLF4J, logger {@code
 * dev.editgate.edit.external.worker}) and into a file. Every failure to get an answer, a crash, a
 * timeout, a line that is not a JSON object, becomes a {@link WorkerException}; {@link #kill} ends
 * the process and every process it started.
 */
final class WorkerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final Logger WORKER_LOG =
            LoggerFactory.getLogger("dev.editgate.edit.external.worker");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers carry names and figures, tensors go through files: a longer line is an error. */
    static final int MAX_LINE_BYTES = 16 << 20;

    private static final int STDERR_TAIL = 20;
    private static final Line EOF = new Line(null, null);

    private final String label;
    private final Process process;
    private final BufferedWriter stdin;
    private final BlockingQueue<Line> stdout = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrPump;
    private long nextId = 1;
    private boolean ended;

    private WorkerProcess(String label, Process process, Path stderrFile) {
        this.label = label;
        this.process = process;
        this.stdin =
                new BufferedWriter(
                        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread out = new Thread(() -> pumpStdout(process.getInputStream()), label + "-stdout");
        out.setDaemon(true);
        out.start();
        stderrPump = new Thread(() -> pumpStderr(process.getErrorStream(), stderrFile));
        stderrPump.setName(label + "-stderr");
        stderrPump.setDaemon(true);
        stderrPump.start();
    }

    /**
     * Starts {@code settings.command()} in {@code settings.workdir()}, its stderr going to {@code
     * stderrFile} (created with its folder).
     */
    static WorkerProcess start(String label, WorkerSettings settings, Path stderrFile) {
        ProcessBuilder pb = new ProcessBuilder(settings.command());
        pb.directory(settings.workdir().toFile());
        pb.environment().putAll(settings.env());
        pb.environment().putIfAbsent("PYTHONUNBUFFERED", "1");
        try {
            Files.createDirectories(stderrFile.getParent());
            return new WorkerProcess(label, pb.start(), stderrFile);
        } catch (IOException e) {
            throw new WorkerException(
                    "cannot start " + String.join(" ", settings.command()) + ": " + e.getMessage(),
                    e);
        }
    }

    /** The process id, for logs and tests. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends {@code request} (an {@code id} is added) and waits for the answer with the same id.
     *
     * @param what the request as messages name it ({@code "edit of batch 3"})
     * @throws WorkerException when the worker exits, stays silent past {@code timeout}, answers
     *     something other than a JSON object with that id, or answers {@code "ok": false}
     */
    JsonNode call(ObjectNode request, Duration timeout, String what) {
        if (ended) {
            throw new WorkerException("the worker was already stopped; " + what + " not sent");
        }
        long id = nextId++;
        request.put("id", id);
        try {
            stdin.write(JSON.writeValueAsString(request));
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new WorkerException(
                    "cannot send the " + what + " (" + e.getMessage() + ")" + exitSuffix(), e);
        }
        Line line;
        try {
            line = stdout.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerException("interrupted while waiting for the " + what, e);
        }
        if (line == null) {
            throw new WorkerException(
                    "no answer to the "
                            + what
                            + " within its timeout of "
                            + seconds(timeout)
                            + " s (timeout_s); the worker was killed"
                            + stderrSuffix());
        }
        if (line == EOF) {
            throw new WorkerException(
                    "the worker closed its stdout before answering the " + what + exitSuffix());
        }
        if (line.error() != null) {
            throw new WorkerException(line.error() + " while waiting for the " + what);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(line.text());
        } catch (JsonProcessingException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            throw new WorkerException(
                    "answered the "
                            + what
                            + " with a line that is not a JSON object: "
                            + abbreviate(line.text())
                            + " (the protocol is one JSON object per line on stdout; log to stderr)");
        }
        if (!answer.path("id").canConvertToLong() || answer.path("id").asLong() != id) {
            throw new WorkerException(
                    "answered the "
                            + what
                            + " with id "
                            + answer.path("id")
                            + " instead of "
                            + id
                            + ": "
                            + abbreviate(line.text()));
        }
        if (!answer.path("ok").isBoolean()) {
            throw new WorkerException(
                    "answered the "
                            + what
                            + " without a boolean \"ok\": "
                            + abbreviate(line.text()));
        }
        if (!answer.path("ok").asBoolean()) {
            throw new WorkerException(
                    "reported an error on the "
                            + what
                            + ": "
                            + answer.path("error").asText("(no \"error\" given)"));
        }
        return answer;
    }

    /**
     * Asks the worker to exit ({@code shutdown}), waits up to {@code grace} for it, then kills
     * whatever is left of its process tree.
     */
    void shutdown(Duration grace) {
        if (!ended && process.isAlive()) {
            try {
                call(JSON.createObjectNode().put("verb", "shutdown"), grace, "shutdown");
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (WorkerException e) {
                LOG.warn("{}: {}", label, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kill();
    }

    /** Kills the worker and every process it started (children first), and waits for them. */
    void kill() {
        ended = true;
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
            stderrPump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: a child process did not end after being killed: {}", label, e.toString());
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // the pipe is gone with the process
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void pumpStdout(InputStream in) {
        try (in) {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            int n;
            boolean overflow = false;
            while ((n = in.read(chunk)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        if (!overflow) {
                            buf.write(chunk, from, i - from);
                            stdout.add(new Line(buf.toString(StandardCharsets.UTF_8), null));
                        }
                        buf.reset();
                        overflow = false;
                        from = i + 1;
                    }
                }
                if (!overflow) {
                    buf.write(chunk, from, n - from);
                    if (buf.size() > MAX_LINE_BYTES) {
                        stdout.add(
                                new Line(
                                        null,
                                        "wrote a line longer than "
                                                + (MAX_LINE_BYTES >> 20)
                                                + " MiB on stdout (tensors go in the safetensors"
                                                + " file, not in the answer)"));
                        buf.reset();
                        overflow = true;
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: stdout closed: {}", label, e.toString());
        }
        stdout.add(EOF);
    }

    private void pumpStderr(InputStream in, Path file) {
        try (in;
                BufferedWriter log = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                var reader =
                        new java.io.BufferedReader(
                                new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                WORKER_LOG.info("[{}] {}", label, line);
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (stderrTail) {
                    stderrTail.addLast(abbreviate(line));
                    if (stderrTail.size() > STDERR_TAIL) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: stderr closed: {}", label, e.toString());
        } catch (UncheckedIOException e) {
            LOG.warn("{}: stderr not logged to {}: {}", label, file, e.toString());
        }
    }

    private String exitSuffix() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                stderrPump.join(2000);
                return " (it exited with code " + process.exitValue() + ")" + stderrSuffix();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stderrSuffix();
    }

    private String stderrSuffix() {
        synchronized (stderrTail) {
            if (stderrTail.isEmpty()) {
                return "";
            }
            return "; its last stderr lines: " + String.join(" | ", stderrTail);
        }
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }

    /** A line of stdout, or why none could be read. */
    private record Line(String text, String error) {}
}
