package dev.tideflow.log;

import dev.tideflow.log.encode.ByteOutput;
import dev.tideflow.log.encode.LogEncoder;
import dev.tideflow.log.record.RecordSlot;
import dev.tideflow.log.ring.IdleStrategy;
import dev.tideflow.log.ring.RecordHandler;
import dev.tideflow.log.ring.Ring;
import dev.tideflow.log.ring.SingleProducerRing;
import dev.tideflow.log.sink.ErrorHandler;
import dev.tideflow.log.sink.Sink;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The one consumer thread. Each round it drains every ring (bounded per ring, for fairness) into one reused
 * buffer, hands that to the sink as a single write, and runs the scaler when a window has passed. With nothing to
 * do it flushes the sink once, then idles (spin, yield, park). On close it drains until every ring is empty, then
 * flushes and closes the sink.
 *
 * <p>Order: records are encoded in the order they are drained, and a ring's consumed sequence is released only
 * after its records are in the buffer. A producer moves to another ring only once its last record here is
 * consumed, so its records reach the buffer, and the file, in the order it wrote them.
 */
final class LogConsumer implements Runnable, RecordHandler {

    private static final VarHandle BYTES;
    private static final VarHandle ENCODE_ERRORS;
    private static final VarHandle SINK_ERRORS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            BYTES = l.findVarHandle(LogConsumer.class, "bytesWritten", long.class);
            ENCODE_ERRORS = l.findVarHandle(LogConsumer.class, "encodeErrors", long.class);
            SINK_ERRORS = l.findVarHandle(LogConsumer.class, "sinkErrors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ScalingLogger logger;
    private final Sink sink;
    private final LogEncoder encoder;
    private final ErrorHandler errors;
    private final IdleStrategy idle;
    private final ByteOutput out;
    private final int batchBytes;
    private final int drainLimit;
    private long windowNanos;
    private long bytesWritten;
    private long encodeErrors;
    private long sinkErrors;

    LogConsumer(ScalingLogger logger, Sink sink, LogEncoder encoder, ErrorHandler errors, IdleStrategy idle,
            int batchBytes, int drainLimit, long windowNanos) {
        this.logger = logger;
        this.sink = sink;
        this.encoder = encoder;
        this.errors = errors;
        this.idle = idle;
        this.out = new ByteOutput(batchBytes + batchBytes / 4);
        this.batchBytes = batchBytes;
        this.drainLimit = drainLimit;
        this.windowNanos = windowNanos;
    }

    @Override
    public void run() {
        int emptyRounds = 0;
        boolean unflushed = false;
        long windowStart = System.nanoTime();
        while (!logger.isClosed()) {
            try {
                int n = drainAll();
                writeBatch();
                if (n > 0) {
                    emptyRounds = 0;
                    unflushed = true;
                } else {
                    if (unflushed) {
                        flush();
                        unflushed = false;
                    }
                    idle.idle(emptyRounds++);
                }
                long now = System.nanoTime();
                if (now - windowStart >= windowNanos) {
                    logger.onWindow(now, now - windowStart);
                    windowStart = now;
                }
                logger.applyModeRequests(now);
            } catch (RuntimeException | Error e) {
                // A dead consumer would wedge every producer; report and keep consuming.
                report("consumer round", e);
            }
        }
        finish();
    }

    /** Close: stop steering anyone to a single ring, then drain until every ring is empty. */
    private void finish() {
        logger.stopSingleMode();
        int emptyRounds = 0;
        while (true) {
            int n = drainAll();
            writeBatch();
            if (n == 0) {
                if (allDrained()) {
                    break;
                }
                // A producer that claimed before close publishes in a finally; wait for it, briefly.
                idle.idle(emptyRounds++);
            }
        }
        flush();
        try {
            sink.close();
        } catch (Exception e) {
            sinkError("close sink", e);
        }
        logger.applyModeRequests(System.nanoTime());
    }

    private int drainAll() {
        int n = logger.mpsc().drain(this, drainLimit);
        for (SingleProducerRing ring : logger.singleRings()) {
            n += ring.drain(this, drainLimit);
        }
        return n;
    }

    private boolean allDrained() {
        if (!logger.mpsc().isDrained()) {
            return false;
        }
        for (Ring ring : logger.singleRings()) {
            if (!ring.isDrained()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onRecord(RecordSlot slot) {
        int mark = out.length();
        try {
            encoder.encode(slot, out);
        } catch (RuntimeException e) {
            out.truncate(mark);
            ENCODE_ERRORS.setOpaque(this, encodeErrors + 1);
            report("encode record", e);
        }
        if (out.length() >= batchBytes) {
            writeBatch();
        }
    }

    private void writeBatch() {
        int n = out.length();
        if (n == 0) {
            return;
        }
        ByteBuffer batch = out.asByteBuffer();
        try {
            sink.write(batch);
            BYTES.setOpaque(this, bytesWritten + n);
        } catch (Exception e) {
            sinkError("write batch of " + n + " bytes", e);
        } finally {
            out.reset();
        }
    }

    private void flush() {
        try {
            sink.flush();
        } catch (Exception e) {
            sinkError("flush", e);
        }
    }

    private void sinkError(String what, Exception e) {
        SINK_ERRORS.setOpaque(this, sinkErrors + 1);
        report(what, e);
    }

    private void report(String what, Throwable e) {
        try {
            errors.onError(what, e);
        } catch (RuntimeException ignored) {
            // The error handler is the last resort; its own failure has nowhere left to go.
        }
    }

    /** Consumer thread only (from {@link ScalingLogger#onWindow}): the next window's length. */
    void windowNanos(long nanos) {
        this.windowNanos = nanos;
    }

    long bytesWritten() {
        return (long) BYTES.getOpaque(this);
    }

    long encodeErrors() {
        return (long) ENCODE_ERRORS.getOpaque(this);
    }

    long sinkErrors() {
        return (long) SINK_ERRORS.getOpaque(this);
    }
}
