package dev.tideflow.log;

import dev.tideflow.log.sink.Sink;

import java.nio.ByteBuffer;

/** Counts lines without keeping them, for tests that write more than memory should hold. */
final class LineCountingSink implements Sink {

    private volatile long lines;

    @Override
    public void write(ByteBuffer batch) {
        long n = 0;
        for (int i = batch.position(); i < batch.limit(); i++) {
            if (batch.get(i) == '\n') {
                n++;
            }
        }
        batch.position(batch.limit());
        lines += n;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    long lines() {
        return lines;
    }
}
