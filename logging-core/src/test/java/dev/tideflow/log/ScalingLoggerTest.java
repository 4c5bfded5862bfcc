package dev.tideflow.log;

import dev.tideflow.log.encode.JsonLinesEncoder;
import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.scale.ProducerMode;
import dev.tideflow.log.scale.ScalerThresholds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScalingLoggerTest {

    private final List<String> errors = new CopyOnWriteArrayList<>();

    private LoggerConfig.Builder config() {
        return LoggerConfig.builder().level(Level.TRACE).encoder(() -> new PatternEncoder("%p %c %m%X%n"))
                .errorHandler((op, e) -> errors.add(op + ": " + e));
    }

    @Test
    void bothEntryPointsWriteStructuredRecordsInOrder() {
        CapturingSink sink = new CapturingSink();
        ScalingLogger logger = ScalingLogger.start(config().encoder(JsonLinesEncoder::new).build(), sink);
        logger.log(Level.INFO, "policy", "evaluated");
        logger.at(Level.WARN, "executor").str("target", "shop/web").num("replicas", 4).num("cpu", 0.82)
                .bool("dryRun", false).log("scaled");
        logger.log(Level.ERROR, "executor", "failed", new IllegalStateException("quota"));
        logger.close();

        List<String> lines = sink.lines();
        assertEquals(3, lines.size(), sink.text());
        assertTrue(lines.get(0).contains("\"level\":\"INFO\",\"logger\":\"policy\""), lines.get(0));
        assertTrue(lines.get(0).contains("\"msg\":\"evaluated\"}"), lines.get(0));
        assertTrue(lines.get(1).endsWith("\"msg\":\"scaled\",\"target\":\"shop/web\",\"replicas\":4,\"cpu\":0.82,"
                + "\"dryRun\":false}"), lines.get(1));
        assertTrue(lines.get(2).contains("\"error\":{\"type\":\"java.lang.IllegalStateException\",\"message\":"
                + "\"quota\""), lines.get(2));
        assertTrue(sink.isClosed(), "the logger owns and closes its sink");
        assertTrue(sink.flushes() >= 1, "flushed before close");
        LogStats stats = logger.stats();
        assertEquals(3, stats.writes());
        assertEquals(0, stats.drops());
        assertEquals(sink.text().getBytes(StandardCharsets.UTF_8).length, stats.bytesWritten());
        assertEquals(List.of(), errors);
    }

    @Test
    void recordsBelowTheLevelNeverReachTheSinkAndTheLevelCanChangeLive() {
        CapturingSink sink = new CapturingSink();
        ScalingLogger logger = ScalingLogger.start(config().level(Level.INFO).build(), sink);
        logger.log(Level.DEBUG, "x", "hidden");
        assertFalse(logger.at(Level.DEBUG).isEnabled());
        logger.at(Level.DEBUG).str("k", "v").log("hidden too");
        logger.setLevel(Level.DEBUG);
        logger.log(Level.DEBUG, "x", "shown");
        logger.close();
        assertEquals(List.of("DEBUG x shown"), sink.lines());
        assertEquals(1, logger.stats().writes());
    }

    @Test
    void closeDrainsEverythingStillInTheRings() {
        CapturingSink sink = new CapturingSink(true);
        ScalingLogger logger = ScalingLogger.start(config().build(), sink);
        for (int i = 0; i < 3000; i++) {
            logger.log(Level.INFO, "drain", "record " + i);
        }
        // The consumer takes at most one drain round (1024) before the stuck sink holds it up.
        assertTrue(logger.stats().ringFill() > 0, logger.stats().toString());
        sink.open();
        logger.close();
        assertEquals(0.0, logger.stats().ringFill());
        List<String> lines = sink.lines();
        assertEquals(3000, lines.size());
        // One write per drain round (at most 1024 records per ring each): a handful, not one per record.
        assertTrue(sink.writes() <= 5, "writes: " + sink.writes());
        for (int i = 0; i < 3000; i++) {
            assertEquals("INFO drain record " + i, lines.get(i));
        }
        logger.log(Level.INFO, "drain", "after close");
        assertEquals(3000, sink.lines().size(), "nothing is accepted after close");
        assertEquals(1, logger.stats().drops(), "and the rejected record is counted");
    }

    @Test
    void dropNewestCountsWhatDidNotFitAndKeepsTheRestInOrder() {
        CapturingSink sink = new CapturingSink(true);
        ScalingLogger logger = ScalingLogger.start(config().backpressure(Backpressure.DROP_NEWEST)
                .singleRingCapacity(16).mpscRingCapacity(16).build(), sink);
        for (int i = 0; i < 1000; i++) {
            logger.log(Level.INFO, "d", Integer.toString(i));
        }
        LogStats beforeOpen = logger.stats();
        sink.open();
        logger.close();
        LogStats stats = logger.stats();
        assertTrue(beforeOpen.drops() > 0, "a gated sink with 16-slot rings must drop");
        assertEquals(1000, stats.writes() + stats.drops());
        List<String> lines = sink.lines();
        assertEquals(stats.writes(), lines.size());
        int previous = -1;
        for (String line : lines) {
            int n = Integer.parseInt(line.substring("INFO d ".length()));
            assertTrue(n > previous, "order kept among the survivors");
            previous = n;
        }
    }

    @Test
    void nonBlockingProducersFinishEvenWhileTheSinkIsStuck() throws Exception {
        CapturingSink sink = new CapturingSink(true);
        ScalingLogger logger = ScalingLogger.start(config().backpressure(Backpressure.NON_BLOCKING)
                .mode(ProducerMode.MPSC).mpscRingCapacity(64).build(), sink);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 5000; i++) {
                    logger.log(Level.INFO, "nb", "x");
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        LogStats stuck = logger.stats();
        assertEquals(20_000, stuck.writes() + stuck.drops(), "every call returned with the sink still stuck");
        assertTrue(stuck.drops() > 0);
        sink.open();
        logger.close();
        assertEquals(logger.stats().writes(), sink.lines().size());
    }

    @Test
    void blockNeverDropsEvenWithTinyRingsAndManyThreads() throws Exception {
        CapturingSink sink = new CapturingSink();
        ScalingLogger logger = ScalingLogger.start(config().singleRingCapacity(8).mpscRingCapacity(8)
                .mode(ProducerMode.MPSC).build(), sink);
        int threads = 6;
        int perThread = 5000;
        runWriters(logger, threads, perThread);
        logger.close();
        assertPerThreadOrder(sink.lines(), threads, perThread);
        assertEquals(0, logger.stats().drops());
    }

    @Test
    void singleModeIsCorrectWithManyThreadsAndCountsTheOthersAsContention() throws Exception {
        CapturingSink sink = new CapturingSink();
        ScalingLogger logger = ScalingLogger.start(config().mode(ProducerMode.SINGLE).build(), sink);
        logger.log(Level.INFO, "owner", "first");
        Thread other = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                logger.log(Level.INFO, "other", "foreign " + i);
            }
        });
        other.start();
        other.join();
        int threads = 4;
        int perThread = 5000;
        runWriters(logger, threads, perThread);
        logger.close();
        LogStats stats = logger.stats();
        assertEquals(ProducerMode.SINGLE, stats.mode(), "a forced mode stays");
        assertTrue(stats.contentionEvents() >= 10, "non-owner writes in SINGLE mode are contention: " + stats);
        List<String> lines = new ArrayList<>(sink.lines());
        assertTrue(lines.contains("INFO owner first"));
        assertEquals(10, lines.stream().filter(l -> l.startsWith("INFO other foreign")).count());
        lines.removeIf(l -> !l.startsWith("INFO w "));
        assertPerThreadOrder(lines, threads, perThread);
        assertEquals(0, stats.switches());
    }

    @Test
    void theScalerMovesToMpscUnderLoadAndBackWhenQuiet() throws Exception {
        ScalerThresholds fast = ScalerThresholds.DEFAULTS.withWindow(Duration.ofMillis(20), Duration.ofMillis(50), 2);
        LineCountingSink sink = new LineCountingSink();
        ScalingLogger logger = ScalingLogger.start(config().thresholds(fast).build(), sink);
        assertEquals(ProducerMode.SINGLE, logger.mode());
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = startBusyWriters(logger, 4, stop);
        await().atMost(20, TimeUnit.SECONDS).until(() -> logger.mode() == ProducerMode.MPSC);
        await().atMost(20, TimeUnit.SECONDS).until(() -> logger.stats().activeWriters() >= 3);
        stopWriters(threads, stop);
        await().atMost(20, TimeUnit.SECONDS).until(() -> logger.mode() == ProducerMode.SINGLE);
        logger.close();
        LogStats stats = logger.stats();
        assertTrue(stats.switchesToMpsc() >= 1, stats.toString());
        assertTrue(stats.switchesToSingle() >= 1, stats.toString());
        assertEquals(stats.writes(), sink.lines());
        assertEquals(0, stats.drops());
    }

    @Test
    void thresholdsChangeLiveWithoutLosingRecords() throws Exception {
        ScalerThresholds never = new ScalerThresholds(1e12, 1.0, Duration.ofHours(1), 1_000,
                100, 0.01, Duration.ofNanos(100_000), 1, Duration.ofMillis(20), Duration.ofMillis(50), 2);
        LineCountingSink sink = new LineCountingSink();
        ScalingLogger logger = ScalingLogger.start(config().thresholds(never).build(), sink);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = startBusyWriters(logger, 4, stop);
        await().atMost(20, TimeUnit.SECONDS).until(() -> logger.stats().activeWriters() >= 3);
        // Four busy writers, but no up threshold can be reached: it stays in SINGLE.
        assertEquals(ProducerMode.SINGLE, logger.mode());
        assertEquals(never, logger.thresholds());

        ScalerThresholds fast = ScalerThresholds.DEFAULTS.withWindow(Duration.ofMillis(20), Duration.ofMillis(50), 2);
        logger.thresholds(fast);
        assertEquals(fast, logger.thresholds());
        await().atMost(20, TimeUnit.SECONDS).until(() -> logger.mode() == ProducerMode.MPSC);
        stopWriters(threads, stop);
        logger.close();
        LogStats stats = logger.stats();
        assertEquals(fast, logger.thresholds());
        assertEquals(1, stats.switchesToMpsc(), stats.toString());
        assertEquals(stats.writes(), sink.lines());
        assertEquals(0, stats.drops());
    }

    @Test
    void aThrowingMessageIsReportedToTheCallerAndDoesNotStallTheConsumer() {
        CapturingSink sink = new CapturingSink();
        ScalingLogger logger = ScalingLogger.start(config().mode(ProducerMode.MPSC).build(), sink);
        CharSequence broken = new CharSequence() {
            @Override
            public int length() {
                return 10;
            }

            @Override
            public char charAt(int index) {
                if (index == 5) {
                    throw new IllegalStateException("broken char sequence");
                }
                return 'a';
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                throw new UnsupportedOperationException();
            }
        };
        logger.log(Level.INFO, "t", "before");
        assertThrows(IllegalStateException.class, () -> logger.log(Level.INFO, "t", broken));
        logger.log(Level.INFO, "t", "after");
        logger.close();
        assertEquals(List.of("INFO t before", "INFO t after"), sink.lines());
        assertEquals(1, logger.stats().drops());
    }

    @Test
    void anEncoderFailureSkipsOneRecordAndIsReported() {
        CapturingSink sink = new CapturingSink();
        PatternEncoder real = new PatternEncoder("%m%n");
        ScalingLogger logger = ScalingLogger.start(config().encoder(() -> (record, out) -> {
            if (record.messageLength() == 4) {
                out.writeAscii("partial");
                throw new IllegalArgumentException("cannot encode");
            }
            real.encode(record, out);
        }).build(), sink);
        logger.log(Level.INFO, "e", "first");
        logger.log(Level.INFO, "e", "boom");
        logger.log(Level.INFO, "e", "second");
        logger.close();
        assertEquals(List.of("first", "second"), sink.lines(), "the half-encoded record is cut out");
        assertEquals(1, logger.stats().encodeErrors());
        assertEquals(1, errors.size(), errors.toString());
    }

    @Test
    void buildersNestWhenAValueLogsWhileBeingBuilt() {
        CapturingSink sink = new CapturingSink();
        ScalingLogger logger = ScalingLogger.start(config().build(), sink);
        Object chatty = new Object() {
            @Override
            public String toString() {
                logger.at(Level.DEBUG).str("inner", "yes").log("from toString");
                return "value";
            }
        };
        EventBuilder outer = logger.at(Level.INFO).num("before", 1);
        outer.str("obj", chatty.toString()).log("outer");
        logger.close();
        assertEquals(List.of("DEBUG  from toString inner=yes", "INFO  outer before=1 obj=value"),
                sink.lines());
    }

    @Test
    void propertiesCoverTheDocumentedKeys() {
        LoggerConfig c = LoggerConfig.fromProperties(Map.of("level", "debug", "mode", "mpsc",
                "backpressure", "drop-newest", "ring.mpsc-capacity", "1024", "scale.window", "50ms",
                "scale.up.contention", "20%", "scale.up.latency", "2ms", "consumer.batch-size", "64KiB",
                "format", "pattern", "pattern", "%m%n"));
        assertEquals(Level.DEBUG, c.level());
        assertEquals(ProducerMode.MPSC, c.forcedMode());
        assertEquals(Backpressure.DROP_NEWEST, c.backpressure());
        assertEquals(1024, c.mpscRingCapacity());
        assertEquals(Duration.ofMillis(50), c.thresholds().window());
        assertEquals(0.2, c.thresholds().upContentionRatio(), 1e-9);
        assertEquals(Duration.ofMillis(2), c.thresholds().upLatency());
        assertEquals(64 * 1024, c.batchBytes());
        assertTrue(c.encoder().get() instanceof PatternEncoder);
        assertNull(LoggerConfig.fromProperties(Map.of("mode", "auto")).forcedMode());
        assertThrows(IllegalArgumentException.class, () -> LoggerConfig.fromProperties(Map.of("levle", "info")));
        assertThrows(IllegalArgumentException.class, () -> LoggerConfig.fromProperties(
                Map.of("format", "pattern", "pattern", "%z")));
        assertSame(CachedMillisClock.utc(), LoggerConfig.fromProperties(Map.of("clock", "cached")).clock());
        assertThrows(IllegalArgumentException.class, () -> LoggerConfig.fromProperties(Map.of("clock", "tsc")));
        LoggerConfig defaults = LoggerConfig.defaults();
        assertEquals(Clock.systemUTC(), defaults.clock());
        assertEquals(ScalerThresholds.DEFAULTS, defaults.thresholds());
        assertEquals(Backpressure.BLOCK, defaults.backpressure());
        assertNull(defaults.forcedMode());
    }

    /** Threads logging structured records as fast as they can until {@code stop} is set. */
    private static List<Thread> startBusyWriters(ScalingLogger logger, int count, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            threads.add(new Thread(() -> {
                while (!stop.get()) {
                    logger.at(Level.INFO).num("n", 1).log("load");
                }
            }));
        }
        threads.forEach(Thread::start);
        return threads;
    }

    private static void stopWriters(List<Thread> threads, AtomicBoolean stop) throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
    }

    static void runWriters(ScalingLogger logger, int threads, int perThread) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> list = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            list.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < perThread; i++) {
                    if ((i & 1) == 0) {
                        logger.at(Level.INFO, "w").num("t", id).num("i", i).log("b");
                    } else {
                        sb.setLength(0);
                        sb.append("b t=").append(id).append(" i=").append(i);
                        logger.log(Level.INFO, "w", sb);
                    }
                }
            }));
        }
        list.forEach(Thread::start);
        start.countDown();
        for (Thread t : list) {
            t.join();
        }
    }

    /** Lines look like {@code INFO w b t=3 i=17}, from either entry point. */
    static void assertPerThreadOrder(List<String> lines, int threads, int perThread) {
        int[] next = new int[threads];
        for (String line : lines) {
            int t = line.indexOf(" t=");
            int i = line.indexOf(" i=");
            int thread = Integer.parseInt(line.substring(t + 3, i));
            int seq = Integer.parseInt(line.substring(i + 3));
            assertEquals(next[thread]++, seq, "thread " + thread + " lost, duplicated or reordered a record");
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t], "thread " + t + " record count");
        }
    }
}
