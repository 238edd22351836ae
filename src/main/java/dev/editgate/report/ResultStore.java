package dev.editgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends measurements to {@code reports/<run-id>/results.jsonl}, one JSON object per line. Each
 * line is written whole and forced to disk before {@link #append} returns, so killing the JVM loses
 * nothing already recorded; a torn last line (killed mid-write) is skipped when reading.
 */
public final class ResultStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<ResultRecord> records = new ArrayList<>();
    private FileChannel channel;

    private ResultStore(Path file, List<ResultRecord> existing) {
        this.file = file;
        this.records.addAll(existing);
    }

    /** Opens (creating lazily) the store at {@code file}, reading what it already holds. */
    public static ResultStore open(Path file) {
        return new ResultStore(file, read(file));
    }

    /** Every record: those read at open, then those appended. */
    public synchronized List<ResultRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    /** Writes one line and forces it to disk. */
    public synchronized void append(ResultRecord record) {
        byte[] line;
        try {
            line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record + " as JSON", e);
        }
        try {
            if (channel == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                boolean torn = endsTorn(file);
                channel =
                        FileChannel.open(
                                file,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.APPEND);
                if (torn) {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        records.add(record);
    }

    /**
     * Whether a killed JVM left a line without its newline (the next record needs its own line).
     */
    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return false;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /**
     * The records of a results file; empty when absent. A torn or bad line is logged and skipped.
     */
    public static List<ResultRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<ResultRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(JSON.readValue(line, ResultRecord.class));
            } catch (JsonProcessingException e) {
                LOG.warn(
                        "{}:{}: skipping a line that is not a whole result record ({})",
                        file,
                        i + 1,
                        e.getOriginalMessage());
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            } finally {
                channel = null;
            }
        }
    }
}
