package dev.tideflow.log;

import dev.tideflow.log.record.RecordSlot;
import dev.tideflow.log.ring.BackoffIdleStrategy;
import dev.tideflow.log.ring.IdleStrategy;
import dev.tideflow.log.ring.MpscRing;
import dev.tideflow.log.ring.Ring;
import dev.tideflow.log.ring.SingleProducerRing;
import dev.tideflow.log.scale.ModeScaler;
import dev.tideflow.log.scale.ProducerMode;
import dev.tideflow.log.scale.ScalerThresholds;
import dev.tideflow.log.scale.WindowSample;
import dev.tideflow.log.sink.ErrorHandler;
import dev.tideflow.log.sink.Sink;

import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The auto-scaling logger: producers copy records into pre-allocated ring slots, one consumer thread encodes them
 * in batches and writes them to a {@link Sink}.
 *
 * <h2>Modes and routing</h2>
 * In {@link ProducerMode#SINGLE} mode one thread owns the active {@link SingleProducerRing} and writes to it with
 * plain stores and one release store; every other thread writes to the {@link MpscRing} (and counts as
 * contention, which pushes the scaler towards MPSC). In {@link ProducerMode#MPSC} mode everyone uses the MPSC
 * ring. So any number of threads is correct in either mode; the mode only decides who gets the cheap path.
 *
 * <h2>Switch protocol</h2>
 * Each thread remembers the ring and sequence of its last published record. It may move to a different ring only
 * once the consumer has consumed that record. Until then it either waits ({@link Backpressure#BLOCK}) or keeps
 * writing to the old ring (the other policies), which it is still allowed to do: the MPSC ring takes anyone, and a
 * single ring stays leased to its owner until the owner itself gives it back. Because the consumer encodes the old
 * ring's records before it releases the consumed sequence, everything the thread wrote before the move is in the
 * output before anything it writes after: per-thread order holds across any number of switches, and no record is
 * lost or duplicated since records are never moved between rings. Order between different threads is not
 * guaranteed around a ring boundary; that would need a shared counter per record, which SINGLE mode exists to avoid.
 *
 * <h2>Allocation</h2>
 * {@link #log} and {@link EventBuilder} copy chars and longs into pre-allocated arrays; the thread's state is
 * created once per thread. Nothing is allocated per record unless it exceeds {@code slotChars}.
 */
public final class ScalingLogger implements AutoCloseable {

    private static final int MAX_BUILDER_DEPTH = 4;

    private final LoggerConfig config;
    private final Backpressure backpressure;
    private final Clock clock;
    private final MpscRing mpsc;
    private final IdleStrategy producerIdle;
    private final ModeScaler scaler;
    private final Sink sink;
    private final LogConsumer consumer;
    private final Thread consumerThread;
    private final CopyOnWriteArrayList<ProducerState> registry = new CopyOnWriteArrayList<>();
    private final ThreadLocal<ProducerState> producers;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong modeRequests = new AtomicLong();
    private final AtomicLong lastSwitchLatency = new AtomicLong();
    private final AtomicLong maxSwitchLatency = new AtomicLong();

    /** Replaced, never mutated, by the consumer thread; read by producers and stats. */
    private volatile SingleProducerRing[] singleRings;
    /**
     * The ring SINGLE mode steers to; null in MPSC mode. Written only by the consumer thread; every write reads it
     * (acquire), which is all the fast path synchronises on.
     */
    private volatile SingleProducerRing activeSingle;
    /** The mode last applied; unlike {@code activeSingle} it is not cleared by close. */
    private volatile ProducerMode mode;
    private volatile int minLevel;
    private volatile boolean closed;
    private volatile ProducerMode forcedMode;
    private volatile long modeRequestsApplied;
    /** Thresholds set at runtime, applied by the consumer at its next window. */
    private final AtomicReference<ScalerThresholds> pendingThresholds = new AtomicReference<>();
    private volatile ScalerThresholds thresholds;

    // Written by the consumer thread only.
    private volatile long switchesToMpsc;
    private volatile long switchesToSingle;
    private volatile WindowSample lastWindow;
    private volatile long retiredWrites;
    private volatile long retiredDrops;
    private volatile long retiredContended;

    private ScalingLogger(LoggerConfig config, Sink sink) {
        this.config = config;
        this.sink = sink;
        this.backpressure = config.backpressure();
        this.clock = config.clock();
        this.minLevel = config.level().ordinal();
        this.mpsc = new MpscRing(config.mpscRingCapacity(), config.slotChars(), config.maxRecordChars());
        this.singleRings = new SingleProducerRing[] {newSingleRing()};
        // Yield a while before parking: a park costs at least the kernel's timer slack (50 µs), far more than the
        // consumer usually needs to free a slot or consume the record a switching thread waits for.
        this.producerIdle = new BackoffIdleStrategy(64, 256, Math.max(1_000, config.producerMaxPark().toNanos()));
        this.forcedMode = config.forcedMode();
        ProducerMode initial = forcedMode == null ? ProducerMode.SINGLE : forcedMode;
        this.scaler = new ModeScaler(config.thresholds(), initial);
        this.thresholds = config.thresholds();
        this.activeSingle = initial == ProducerMode.SINGLE ? singleRings[0] : null;
        this.mode = initial;
        this.producers = ThreadLocal.withInitial(this::register);
        this.consumer = new LogConsumer(this, sink, config.encoder().get(), config.errorHandler(),
                new BackoffIdleStrategy(config.consumerSpins(), config.consumerYields(),
                        Math.max(1_000, config.consumerMaxPark().toNanos())),
                config.batchBytes(), config.drainLimit(), config.thresholds().window().toNanos());
        this.consumerThread = new Thread(consumer, "tideflow-log-consumer");
        this.consumerThread.setDaemon(true);
    }

    /** Starts a logger writing to {@code sink}; the logger owns the sink and closes it on {@link #close}. */
    public static ScalingLogger start(LoggerConfig config, Sink sink) {
        ScalingLogger logger = new ScalingLogger(Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(sink, "sink"));
        logger.consumerThread.start();
        return logger;
    }

    public boolean isEnabled(Level level) {
        return level.ordinal() >= minLevel;
    }

    public void setLevel(Level level) {
        this.minLevel = level.ordinal();
    }

    public Level level() {
        return Level.ofOrdinal(minLevel);
    }

    /** The scaling thresholds in force (or set and about to be applied at the consumer's next window). */
    public ScalerThresholds thresholds() {
        ScalerThresholds pending = pendingThresholds.get();
        return pending != null ? pending : thresholds;
    }

    /**
     * Changes the scaling thresholds at runtime (a live settings change). The consumer applies them at the end of
     * its current window; the mode, the cooldown and the window in progress are not reset.
     */
    public void thresholds(ScalerThresholds next) {
        pendingThresholds.set(Objects.requireNonNull(next, "thresholds"));
    }

    /** Starts a structured record on the calling thread; finish it with {@link EventBuilder#log}. */
    public EventBuilder at(Level level) {
        return at(level, null);
    }

    public EventBuilder at(Level level, String loggerName) {
        if (level.ordinal() < minLevel || closed) {
            return EventBuilder.DISABLED;
        }
        return producers.get().openBuilder().begin(clock.millis(), level, loggerName);
    }

    public void log(Level level, String loggerName, CharSequence message) {
        log(level, loggerName, message, null);
    }

    /**
     * The entry point for bridges such as a log handler: copies {@code message} into a slot; the throwable is kept
     * by reference and rendered by the consumer.
     */
    public void log(Level level, String loggerName, CharSequence message, Throwable thrown) {
        if (level.ordinal() < minLevel) {
            return;
        }
        ProducerState p = producers.get();
        long sampleStart = p.sampleStart();
        SingleProducerRing lease = p.lease;
        if (lease != null && lease == activeSingle) {
            long seq = lease.tryClaim();
            if (seq >= 0) {
                fill(lease.slot(seq), p, level.ordinal(), loggerName, message, thrown, null);
                lease.publish(seq);
                p.published(lease, seq, sampleStart);
                return;
            }
        }
        writeSlow(p, level.ordinal(), loggerName, message, thrown, null, sampleStart);
    }

    void enqueueStaged(ProducerState p, RecordSlot staged) {
        long sampleStart = p.sampleStart();
        try {
            SingleProducerRing lease = p.lease;
            if (lease != null && lease == activeSingle) {
                long seq = lease.tryClaim();
                if (seq >= 0) {
                    lease.slot(seq).copyFrom(staged);
                    lease.publish(seq);
                    p.published(lease, seq, sampleStart);
                    return;
                }
            }
            writeSlow(p, 0, null, null, null, staged, sampleStart);
        } finally {
            staged.thrown(null);
        }
    }

    private void fill(RecordSlot slot, ProducerState p, int level, String loggerName, CharSequence message,
            Throwable thrown, RecordSlot staged) {
        try {
            if (staged != null) {
                slot.copyFrom(staged);
            } else {
                slot.begin(clock.millis(), level, loggerName, p.thread);
                slot.thrown(thrown);
                slot.message(message);
            }
        } catch (RuntimeException | Error e) {
            slot.invalidate();
            p.dropped();
            throw e;
        }
    }

    private void writeSlow(ProducerState p, int level, String loggerName, CharSequence message, Throwable thrown,
            RecordSlot staged, long sampleStart) {
        if (closed) {
            p.dropped();
            return;
        }
        p.waitedNanos = 0;
        Ring ring = route(p);
        if (ring == null) {
            p.dropped();
            return;
        }
        if (ring == mpsc) {
            writeMpsc(p, level, loggerName, message, thrown, staged, sampleStart);
        } else {
            writeSingle((SingleProducerRing) ring, p, level, loggerName, message, thrown, staged, sampleStart);
        }
    }

    /**
     * Picks the ring for this write, applying the switch protocol: a thread leaves the ring holding its last
     * record only after the consumer has consumed that record. Returns null if the logger closed while waiting.
     */
    private Ring route(ProducerState p) {
        SingleProducerRing active = activeSingle;
        if (p.lease != null && p.lease == active) {
            return active;
        }
        Ring last = p.lastRing;
        if (p.lease == null && (last == mpsc || last == null) && (active == null || active.owner() != null)) {
            // Steady MPSC (or a thread the single ring is taken for): no move, so nothing to wait for.
            if (active != null) {
                p.contended();
            }
            return mpsc;
        }
        if (last != null && !last.isConsumed(p.lastSeq)) {
            if (backpressure != Backpressure.BLOCK) {
                // Staying on the ring that holds this thread's last record needs no wait and keeps its order.
                if (last == mpsc && active != null) {
                    p.contended();
                }
                return last;
            }
            if (!awaitConsumed(p, last)) {
                return null;
            }
        }
        // Everything this thread wrote has been consumed: it may go anywhere.
        if (p.lease != null) {
            p.lease.release(p);
            p.lease = null;
        }
        if (active != null) {
            if (active.tryAcquire(p)) {
                p.lease = active;
                return active;
            }
            // SINGLE mode, but the single ring belongs to another thread.
            p.contended();
        }
        return mpsc;
    }

    private boolean awaitConsumed(ProducerState p, Ring last) {
        long start = System.nanoTime();
        if (!last.isConsumed(p.lastSeq)) {
            // The consumer may be parked for up to consumer.max-park; a move between rings is rare, so wake it
            // rather than let the switch wait out the park.
            LockSupport.unpark(consumerThread);
        }
        for (int round = 0; !last.isConsumed(p.lastSeq); round++) {
            if (closed) {
                return false;
            }
            producerIdle.idle(round);
        }
        long waited = System.nanoTime() - start;
        p.waitedNanos += waited;
        lastSwitchLatency.set(waited);
        maxSwitchLatency.accumulateAndGet(waited, Math::max);
        return true;
    }

    private void writeSingle(SingleProducerRing ring, ProducerState p, int level, String loggerName,
            CharSequence message, Throwable thrown, RecordSlot staged, long sampleStart) {
        long waitStart = 0;
        for (int round = 0; ; round++) {
            long seq = ring.tryClaim();
            if (seq >= 0) {
                fill(ring.slot(seq), p, level, loggerName, message, thrown, staged);
                ring.publish(seq);
                finishWrite(p, ring, seq, sampleStart, waitStart);
                return;
            }
            if (backpressure != Backpressure.BLOCK || closed) {
                p.dropped();
                return;
            }
            if (waitStart == 0) {
                waitStart = System.nanoTime();
            }
            // Still ours while we wait, whatever the mode does meanwhile: staying keeps this thread's order.
            producerIdle.idle(round);
        }
    }

    private void writeMpsc(ProducerState p, int level, String loggerName, CharSequence message, Throwable thrown,
            RecordSlot staged, long sampleStart) {
        long waitStart = 0;
        int fullRounds = 0;
        while (true) {
            long seq = mpsc.tryClaim();
            if (seq >= 0) {
                try {
                    fill(mpsc.slot(seq), p, level, loggerName, message, thrown, staged);
                } finally {
                    // Published even when filling failed (as a hole the consumer skips): no claim leaves a gap.
                    mpsc.publish(seq);
                }
                finishWrite(p, mpsc, seq, sampleStart, waitStart);
                return;
            }
            if (seq == MpscRing.LOST_RACE) {
                p.contended();
                if (backpressure == Backpressure.NON_BLOCKING) {
                    p.dropped();
                    return;
                }
                continue;
            }
            if (backpressure != Backpressure.BLOCK || closed) {
                p.dropped();
                return;
            }
            if (waitStart == 0) {
                waitStart = System.nanoTime();
            }
            producerIdle.idle(fullRounds++);
        }
    }

    private static void finishWrite(ProducerState p, Ring ring, long seq, long sampleStart, long waitStart) {
        long waited = p.waitedNanos + (waitStart == 0 ? 0 : System.nanoTime() - waitStart);
        if (waited > 0) {
            p.published(ring, seq, 0L);
            p.waited(waited);
        } else {
            p.published(ring, seq, sampleStart);
        }
    }

    /**
     * Forces a producer mode, or with {@code null} hands the choice back to the scaler. Returns once the consumer
     * has applied it.
     */
    public void forceMode(ProducerMode mode) {
        forcedMode = mode;
        long request = modeRequests.incrementAndGet();
        if (Thread.currentThread() == consumerThread) {
            // Called from a sink or error handler on the consumer itself: applied on its next round.
            return;
        }
        LockSupport.unpark(consumerThread);
        for (int round = 0; modeRequestsApplied < request && consumerThread.isAlive(); round++) {
            producerIdle.idle(round);
        }
    }

    public ProducerMode mode() {
        return mode;
    }

    public LogStats stats() {
        long writes = retiredWrites;
        long drops = retiredDrops;
        long contended = retiredContended;
        for (ProducerState p : registry) {
            writes += p.writes();
            drops += p.drops();
            contended += p.contendedCount();
        }
        long pending = mpsc.pending();
        long capacity = mpsc.capacity();
        for (SingleProducerRing r : singleRings) {
            pending += r.pending();
            capacity += r.capacity();
        }
        WindowSample window = lastWindow;
        return new LogStats(mode(), switchesToMpsc, switchesToSingle, writes, drops, contended,
                window == null ? 0 : window.activeWriters(), (double) pending / capacity, sink.rotations(),
                consumer.bytesWritten(), consumer.encodeErrors(), consumer.sinkErrors(), lastSwitchLatency.get(),
                maxSwitchLatency.get(), window);
    }

    /**
     * Stops accepting records, waits for the consumer to write everything already published, and closes the sink.
     * Every {@code log} call that returned before {@code close} was called is in the sink, and every call after
     * {@code close} returned is dropped and counted. A call running concurrently with close may be lost: telling
     * would need a fence on the single-ring fast path.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        LockSupport.unpark(consumerThread);
        try {
            consumerThread.join(config.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (consumerThread.isAlive()) {
            report("close", new TimeoutException("consumer did not drain within " + config.closeTimeout()));
        }
    }

    boolean isClosed() {
        return closed;
    }

    MpscRing mpsc() {
        return mpsc;
    }

    SingleProducerRing[] singleRings() {
        return singleRings;
    }

    void stopSingleMode() {
        activeSingle = null;
    }

    /** Consumer thread: applies {@link #forceMode} requests. */
    void applyModeRequests(long nowNanos) {
        long request = modeRequests.get();
        if (request == modeRequestsApplied) {
            return;
        }
        ProducerMode forced = forcedMode;
        if (forced != null && !closed) {
            applyMode(forced, nowNanos);
        }
        modeRequestsApplied = request;
    }

    /** Consumer thread: closes a measurement window, retires dead threads, and lets the scaler decide. */
    void onWindow(long nowNanos, long elapsedNanos) {
        long writes = 0;
        long attempts = 0;
        long contention = 0;
        long latencySum = 0;
        long latencyWeight = 0;
        int active = 0;
        for (ProducerState p : registry) {
            // Liveness first: a dead thread's counters, read after, are final.
            boolean alive = p.thread.isAlive();
            long w = p.writes();
            long d = p.drops();
            long c = p.contendedCount();
            long ls = p.latencySum();
            long lw = p.latencyWeight();
            long windowAttempts = (w - p.prevWrites) + (d - p.prevDrops);
            writes += w - p.prevWrites;
            attempts += windowAttempts;
            contention += c - p.prevContended;
            latencySum += ls - p.prevLatencySum;
            latencyWeight += lw - p.prevLatencyWeight;
            p.windowAttempts = windowAttempts;
            if (windowAttempts > 0) {
                active++;
            }
            p.prevWrites = w;
            p.prevDrops = d;
            p.prevContended = c;
            p.prevLatencySum = ls;
            p.prevLatencyWeight = lw;
            if (!alive) {
                retire(p, w, d, c);
            }
        }
        WindowSample sample = new WindowSample(elapsedNanos, writes, attempts, contention,
                latencyWeight == 0 ? 0 : latencySum / latencyWeight, active);
        lastWindow = sample;
        ScalerThresholds next = pendingThresholds.get();
        if (next != null) {
            scaler.reconfigure(next);
            consumer.windowNanos(next.window().toNanos());
            thresholds = next;
            // A newer value set meanwhile stays pending for the next window.
            pendingThresholds.compareAndSet(next, null);
        }
        if (closed) {
            return;
        }
        ProducerMode forced = forcedMode;
        if (forced == null) {
            ProducerMode target = scaler.onWindow(sample, nowNanos);
            if (target != null) {
                applyMode(target, nowNanos);
            }
        } else if (forced != mode()) {
            applyMode(forced, nowNanos);
        }
        if (activeSingle != null) {
            replaceIdleOwner(sample);
        }
    }

    private void retire(ProducerState p, long writes, long drops, long contended) {
        registry.remove(p);
        retiredWrites += writes;
        retiredDrops += drops;
        retiredContended += contended;
        for (SingleProducerRing ring : singleRings) {
            ring.reclaimFromDeadOwner(p);
        }
    }

    private void applyMode(ProducerMode target, long nowNanos) {
        if (target == ProducerMode.MPSC) {
            if (activeSingle != null) {
                activeSingle = null;
                switchesToMpsc++;
            }
        } else if (activeSingle == null) {
            activeSingle = pickSingleRing();
            switchesToSingle++;
        }
        mode = target;
        scaler.switched(target, nowNanos);
    }

    /**
     * The ring to activate: the one the busiest recent writer already owns (it keeps writing without moving), else
     * a free one (unowned or owned by a dead thread), else a new one while under the limit, else the first.
     */
    private SingleProducerRing pickSingleRing() {
        SingleProducerRing[] rings = singleRings;
        ProducerState busiest = null;
        for (ProducerState p : registry) {
            if (p.windowAttempts > 0 && (busiest == null || p.windowAttempts > busiest.windowAttempts)) {
                busiest = p;
            }
        }
        if (busiest != null) {
            for (SingleProducerRing r : rings) {
                if (r.isOwnedBy(busiest)) {
                    return r;
                }
            }
        }
        SingleProducerRing free = freeRing(null);
        // Every ring leased to a live thread: SINGLE still works, the others keep using the MPSC ring.
        return free != null ? free : rings[0];
    }

    private SingleProducerRing freeRing(SingleProducerRing exclude) {
        SingleProducerRing[] rings = singleRings;
        for (SingleProducerRing r : rings) {
            if (r == exclude) {
                continue;
            }
            Object owner = r.owner();
            if (owner == null) {
                return r;
            }
            if (owner instanceof ProducerState ps && !ps.thread.isAlive()) {
                r.reclaimFromDeadOwner(ps);
                return r;
            }
        }
        if (rings.length < config.maxSingleRings()) {
            SingleProducerRing created = newSingleRing();
            SingleProducerRing[] grown = Arrays.copyOf(rings, rings.length + 1);
            grown[rings.length] = created;
            singleRings = grown;
            return created;
        }
        return null;
    }

    /**
     * SINGLE mode where the owner went quiet while other threads are turned away to the MPSC ring: the owner
     * cannot be evicted (it might be mid-write), so another single ring is activated for the others instead.
     */
    private void replaceIdleOwner(WindowSample sample) {
        SingleProducerRing current = activeSingle;
        if (current.owner() instanceof ProducerState owner && owner.windowAttempts == 0
                && sample.contentionEvents() > 0) {
            SingleProducerRing free = freeRing(current);
            if (free != null) {
                activeSingle = free;
            }
        }
    }

    private SingleProducerRing newSingleRing() {
        return new SingleProducerRing(config.singleRingCapacity(), config.slotChars(), config.maxRecordChars());
    }

    private ProducerState register() {
        ProducerState p = new ProducerState(Thread.currentThread(), this, config.slotChars(),
                config.maxRecordChars(), MAX_BUILDER_DEPTH);
        registry.add(p);
        return p;
    }

    private void report(String what, Throwable error) {
        ErrorHandler handler = config.errorHandler();
        try {
            handler.onError(what, error);
        } catch (RuntimeException ignored) {
            // The error handler is the last resort; its own failure has nowhere left to go.
        }
    }
}
