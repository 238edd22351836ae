package dev.editgate.bench.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream on its own thread, keeping its first {@code limit} bytes and dropping the rest.
 */
final class BoundedOutput implements Runnable {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;
    private final Thread thread;

    BoundedOutput(InputStream in, int limit, String name) {
        this.in = in;
        this.limit = limit;
        this.thread = new Thread(this, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (kept) {
                    int keep = (int) Math.max(0, Math.min(n, limit - kept.size()));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: keep what was read
        }
    }

    /** What was kept, with a note when output was dropped; waits briefly for the pipe to close. */
    String text() {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (kept) {
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped > 0 ? s + "\n[... " + dropped + " bytes dropped]" : s;
        }
    }
}
