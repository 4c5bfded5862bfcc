package dev.tideflow.log;

import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.scale.ProducerMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 1 → 16 → 1 thread ramp while the mode is flipped back and forth under the writers' feet. Every record must
 * arrive exactly once, in its thread's order, with the content it was written with.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModeSwitchStressTest {

    private static final int MAX_THREADS = 16;

    @Test
    void rampWithForcedSwitchesLosesDuplicatesAndReordersNothingUnderBlock() throws Exception {
        OrderCheckingSink sink = new OrderCheckingSink(MAX_THREADS, true);
        ScalingLogger logger = ScalingLogger.start(config(Backpressure.BLOCK), sink);
        long[] written = ramp(logger, 100_000, 50_000, 100_000, 20);
        logger.close();

        assertEquals(List.of(), sink.problems());
        long total = 0;
        for (int t = 0; t < MAX_THREADS; t++) {
            assertEquals(written[t], sink.count(t), "thread " + t);
            total += written[t];
        }
        assertEquals(1_000_000, total);
        LogStats stats = logger.stats();
        assertEquals(total, stats.writes());
        assertEquals(0, stats.drops());
        assertTrue(stats.switches() >= 60, "every forced flip is a real switch: " + stats);
    }

    @Test
    void droppingPoliciesMayLoseRecordsButNeverReorderOrDuplicate() throws Exception {
        for (Backpressure policy : new Backpressure[] {Backpressure.DROP_NEWEST, Backpressure.NON_BLOCKING}) {
            OrderCheckingSink sink = new OrderCheckingSink(MAX_THREADS, false);
            ScalingLogger logger = ScalingLogger.start(config(policy), sink);
            ramp(logger, 30_000, 15_000, 30_000, 10);
            logger.close();
            assertEquals(List.of(), sink.problems(), policy.name());
            LogStats stats = logger.stats();
            assertEquals(stats.writes(), sink.lines(), policy + ": every published record arrives");
            assertEquals(30_000 + 15_000 * MAX_THREADS + 30_000, stats.writes() + stats.drops(), policy.name());
        }
    }

    private static LoggerConfig config(Backpressure policy) {
        // Small rings so writers wrap around, fill up and wait often, and slot reuse is exercised.
        return LoggerConfig.builder().backpressure(policy).singleRingCapacity(256).mpscRingCapacity(1024)
                .encoder(() -> new PatternEncoder("%m%X%n")).build();
    }

    /**
     * Phase one: thread 0 alone; phase two: all 16; phase three: thread 0 alone again. Thread 0 is the calling
     * thread throughout (the guarantee is per thread, so "thread 0" must be one thread), and it flips the mode
     * {@code flipsPerPhase} times per phase while it writes. Returns records written per thread.
     */
    private static long[] ramp(ScalingLogger logger, int soloRecords, int crowdRecords, int tailRecords,
            int flipsPerPhase) throws Exception {
        long[] written = new long[MAX_THREADS];
        new Writer(logger, 0, 0, soloRecords, soloRecords / flipsPerPhase, null).run();
        written[0] = soloRecords;

        CyclicBarrier start = new CyclicBarrier(MAX_THREADS);
        List<Thread> crowd = new ArrayList<>();
        for (int t = 1; t < MAX_THREADS; t++) {
            crowd.add(new Thread(new Writer(logger, t, 0, crowdRecords, 0, start), "writer-" + t));
            written[t] = crowdRecords;
        }
        crowd.forEach(Thread::start);
        new Writer(logger, 0, written[0], crowdRecords, crowdRecords / flipsPerPhase, start).run();
        written[0] += crowdRecords;
        for (Thread th : crowd) {
            th.join();
        }

        new Writer(logger, 0, written[0], tailRecords, tailRecords / flipsPerPhase, null).run();
        written[0] += tailRecords;
        logger.forceMode(null);
        return written;
    }

    private record Writer(ScalingLogger logger, int thread, long from, int count, int flipEvery,
            CyclicBarrier start) implements Runnable {

        @Override
        public void run() {
            try {
                if (start != null) {
                    start.await();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            StringBuilder message = new StringBuilder();
            ProducerMode nextFlip = logger.mode() == ProducerMode.SINGLE ? ProducerMode.MPSC : ProducerMode.SINGLE;
            for (int n = 0; n < count; n++) {
                long seq = from + n;
                if (flipEvery > 0 && n % flipEvery == flipEvery / 2) {
                    logger.forceMode(nextFlip);
                    nextFlip = nextFlip == ProducerMode.SINGLE ? ProducerMode.MPSC : ProducerMode.SINGLE;
                }
                String payload = OrderCheckingSink.payload(thread, seq);
                if ((seq & 1) == 0) {
                    logger.at(Level.INFO).str("p", payload).log(message(message, seq));
                } else {
                    message(message, seq).append(" p=").append(payload);
                    logger.log(Level.INFO, null, message);
                }
            }
        }

        private StringBuilder message(StringBuilder sb, long seq) {
            sb.setLength(0);
            return sb.append("t=").append(thread).append(" i=").append(seq);
        }
    }
}
