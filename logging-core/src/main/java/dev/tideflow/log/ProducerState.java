package dev.tideflow.log;

import dev.tideflow.log.record.RecordSlot;
import dev.tideflow.log.ring.Ring;
import dev.tideflow.log.ring.SingleProducerRing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Everything one thread needs to write to one logger: its single-ring lease, where its last record went (for the
 * switch protocol), its staging buffers, and its counters.
 *
 * <p>Counters are written only by the owning thread, with opaque stores (no fence, but never torn or hoisted), and
 * read by the consumer's window sampler with opaque loads: per-thread counters instead of shared atomics, so
 * counting costs no cache-line traffic between producers.
 */
final class ProducerState {

    private static final int SAMPLE_MASK = 63;
    private static final VarHandle WRITES;
    private static final VarHandle DROPS;
    private static final VarHandle CONTENDED;
    private static final VarHandle LATENCY_SUM;
    private static final VarHandle LATENCY_WEIGHT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WRITES = l.findVarHandle(ProducerState.class, "writes", long.class);
            DROPS = l.findVarHandle(ProducerState.class, "drops", long.class);
            CONTENDED = l.findVarHandle(ProducerState.class, "contended", long.class);
            LATENCY_SUM = l.findVarHandle(ProducerState.class, "latencySum", long.class);
            LATENCY_WEIGHT = l.findVarHandle(ProducerState.class, "latencyWeight", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Thread thread;
    private final ScalingLogger logger;
    private final int slotChars;
    private final int maxRecordChars;
    private final RecordSlot[] staging;
    private final EventBuilder[] builders;

    /** The single-producer ring this thread owns, if any. Owner thread only. */
    SingleProducerRing lease;
    /** Ring and sequence of this thread's last published record. Owner thread only. */
    Ring lastRing;
    long lastSeq;
    /** Time the current write spent waiting at a ring switch. Owner thread only. */
    long waitedNanos;
    private int depth;
    private int sampleCounter;

    private long writes;
    private long drops;
    private long contended;
    private long latencySum;
    private long latencyWeight;

    /** Sampler-only snapshot of the counters at the previous window. */
    long prevWrites;
    long prevDrops;
    long prevContended;
    long prevLatencySum;
    long prevLatencyWeight;
    long windowAttempts;

    /**
     * Runs on the owning thread (first write), so the state lands in that thread's allocation buffer, away from
     * other producers' states: no false sharing between their counters without explicit padding.
     */
    ProducerState(Thread thread, ScalingLogger logger, int slotChars, int maxRecordChars, int maxDepth) {
        this.thread = thread;
        this.logger = logger;
        this.slotChars = slotChars;
        this.maxRecordChars = maxRecordChars;
        this.staging = new RecordSlot[maxDepth];
        this.builders = new EventBuilder[maxDepth];
        this.staging[0] = new RecordSlot(slotChars, maxRecordChars);
        this.builders[0] = new EventBuilder(logger, this, staging[0]);
    }

    /**
     * The builder for a new record. Builders nest (a value's {@code toString} may log) up to the configured depth;
     * past it the outermost open builder is assumed abandoned (started but never logged) and reused.
     */
    EventBuilder openBuilder() {
        int d = depth;
        if (d == builders.length) {
            d = 0;
        }
        EventBuilder b = builders[d];
        if (b == null) {
            staging[d] = new RecordSlot(slotChars, maxRecordChars);
            b = new EventBuilder(logger, this, staging[d]);
            builders[d] = b;
        }
        depth = d + 1;
        return b;
    }

    void closeBuilder(EventBuilder b) {
        for (int i = depth - 1; i >= 0; i--) {
            if (builders[i] == b) {
                depth = i;
                return;
            }
        }
    }

    /** Start time of this write if it is one of the sampled ones (1 in 64), else 0. */
    long sampleStart() {
        return (++sampleCounter & SAMPLE_MASK) == 0 ? System.nanoTime() : 0L;
    }

    void published(Ring ring, long seq, long sampleStart) {
        if (lastRing != ring) {
            // Stored only on a change: a reference store into this long-lived object pays the GC's write barrier.
            lastRing = ring;
        }
        lastSeq = seq;
        WRITES.setOpaque(this, writes + 1);
        if (sampleStart != 0L) {
            // A sampled write stands for the 64 around it, so the mean is not skewed towards slow writes.
            latency(System.nanoTime() - sampleStart, SAMPLE_MASK + 1);
        }
    }

    /** A write that had to wait is always measured, with weight one. */
    void waited(long nanos) {
        latency(nanos, 1);
    }

    void dropped() {
        DROPS.setOpaque(this, drops + 1);
    }

    void contended() {
        CONTENDED.setOpaque(this, contended + 1);
    }

    private void latency(long nanos, long weight) {
        LATENCY_SUM.setOpaque(this, latencySum + nanos * weight);
        LATENCY_WEIGHT.setOpaque(this, latencyWeight + weight);
    }

    long writes() {
        return (long) WRITES.getOpaque(this);
    }

    long drops() {
        return (long) DROPS.getOpaque(this);
    }

    long contendedCount() {
        return (long) CONTENDED.getOpaque(this);
    }

    long latencySum() {
        return (long) LATENCY_SUM.getOpaque(this);
    }

    long latencyWeight() {
        return (long) LATENCY_WEIGHT.getOpaque(this);
    }
}
