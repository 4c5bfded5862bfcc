package dev.tideflow.log.sink;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where encoded batches go. The logger calls it from its single consumer thread, one {@code write} per batch of
 * whole lines; implementations may still be called from other threads (the rotating sink's timer does), so they
 * guard their own state.
 */
public interface Sink extends AutoCloseable {

    /** Writes every remaining byte of {@code batch}; the buffer is only valid during the call. */
    void write(ByteBuffer batch) throws IOException;

    /** Called when the consumer goes idle after writing, and before close. */
    void flush() throws IOException;

    /** Flushes and releases resources, finishing any background work first; nothing written is lost. */
    @Override
    void close() throws IOException;

    /** Files rotated so far; 0 for sinks that do not rotate. */
    default long rotations() {
        return 0;
    }
}
