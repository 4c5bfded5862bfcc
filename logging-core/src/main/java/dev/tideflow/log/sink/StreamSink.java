package dev.tideflow.log.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** Writes batches to an {@link OutputStream}, e.g. standard output for containers that collect it. */
public final class StreamSink implements Sink {

    private final OutputStream out;
    private final boolean closeStream;
    private long bytes;

    public StreamSink(OutputStream out, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
    }

    @Override
    public synchronized void write(ByteBuffer batch) throws IOException {
        int n = batch.remaining();
        if (batch.hasArray()) {
            out.write(batch.array(), batch.arrayOffset() + batch.position(), n);
            batch.position(batch.limit());
        } else {
            byte[] copy = new byte[n];
            batch.get(copy);
            out.write(copy);
        }
        bytes += n;
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.flush();
        if (closeStream) {
            out.close();
        }
    }

    public synchronized long bytesWritten() {
        return bytes;
    }
}
