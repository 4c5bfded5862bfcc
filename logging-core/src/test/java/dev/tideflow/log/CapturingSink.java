package dev.tideflow.log;

import dev.tideflow.log.sink.Sink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Collects everything written, optionally holding writes until {@link #open()} to fill the rings. */
final class CapturingSink implements Sink {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch gate;
    private int writes;
    private int flushes;
    private boolean closed;

    CapturingSink() {
        this(false);
    }

    CapturingSink(boolean gated) {
        this.gate = new CountDownLatch(gated ? 1 : 0);
    }

    void open() {
        gate.countDown();
    }

    @Override
    public void write(ByteBuffer batch) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            byte[] b = new byte[batch.remaining()];
            batch.get(b);
            bytes.write(b, 0, b.length);
            writes++;
        }
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized List<String> lines() {
        String t = text();
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '\n') {
                lines.add(t.substring(start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    synchronized int writes() {
        return writes;
    }

    synchronized int flushes() {
        return flushes;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
