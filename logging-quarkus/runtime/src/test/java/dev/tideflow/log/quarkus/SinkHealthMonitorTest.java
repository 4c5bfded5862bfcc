package dev.tideflow.log.quarkus;

import dev.tideflow.log.LogStats;
import dev.tideflow.log.scale.ProducerMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinkHealthMonitorTest {

    private static final long MS = 1_000_000L;

    private long now = 1_000 * MS;
    private final AtomicInteger forwarded = new AtomicInteger();
    private final SinkHealthMonitor monitor = new SinkHealthMonitor(Duration.ofSeconds(10), 3, Duration.ofMinutes(1),
            () -> now, (op, e) -> forwarded.incrementAndGet());

    private static LogStats stats(long writes, long bytes, double fill) {
        return new LogStats(ProducerMode.SINGLE, 0, 0, writes, 0, 0, 1, fill, 0, bytes, 0, 0, 0, 0, null);
    }

    @Test
    void idleIsHealthy() {
        for (int i = 0; i < 5; i++) {
            assertTrue(monitor.assess(stats(100, 5_000, 0)).healthy());
            now += 60_000 * MS;
        }
    }

    @Test
    void pendingRecordsWithoutProgressForTheStallTimeoutAreUnhealthy() {
        assertTrue(monitor.assess(stats(100, 5_000, 0)).healthy());
        now += 1_000 * MS;
        assertTrue(monitor.assess(stats(150, 5_000, 0.01)).healthy(), "pending starts now");
        now += 9_999 * MS;
        assertTrue(monitor.assess(stats(200, 5_000, 0.02)).healthy(), "not yet for the timeout");
        now += 1 * MS;
        SinkHealthMonitor.Assessment stalled = monitor.assess(stats(200, 5_000, 0.02));
        assertFalse(stalled.healthy());
        assertTrue(stalled.reason().contains("nothing reached the sink"), stalled.reason());

        now += 1_000 * MS;
        assertTrue(monitor.assess(stats(200, 9_000, 0)).healthy(), "the sink moved again");
    }

    @Test
    void recordsPublishedButNeverWrittenCountAsPendingEvenWithEmptyRings() {
        // A sink blocked inside write: the consumer already drained the rings into its batch.
        assertTrue(monitor.assess(stats(100, 5_000, 0)).healthy());
        now += 1_000 * MS;
        assertTrue(monitor.assess(stats(101, 5_000, 0)).healthy());
        now += 10_000 * MS;
        assertFalse(monitor.assess(stats(101, 5_000, 0)).healthy());
    }

    @Test
    void slowButMovingIsHealthy() {
        long bytes = 0;
        for (int i = 0; i < 20; i++) {
            bytes += 10;
            assertTrue(monitor.assess(stats(i * 10L, bytes, 0.9)).healthy());
            now += 9_000 * MS;
        }
    }

    @Test
    void repeatedErrorsWithinTheWindowAreUnhealthyUntilTheyAgeOut() {
        assertTrue(monitor.assess(stats(0, 0, 0)).healthy());
        monitor.onError("write app.log", new IOException("No space left on device"));
        now += 10_000 * MS;
        monitor.onError("rotate app.log", new IOException("gone"));
        assertTrue(monitor.assess(stats(0, 0, 0)).healthy(), "two errors are not repeated enough");
        now += 10_000 * MS;
        monitor.onError("reopen app.log", new IOException("gone"));
        SinkHealthMonitor.Assessment failing = monitor.assess(stats(0, 0, 0));
        assertFalse(failing.healthy());
        assertTrue(failing.reason().contains("reopen app.log"), failing.reason());
        assertEquals(3, forwarded.get(), "errors are still passed on");
        assertEquals(3, monitor.totalErrors());

        now += 40_001 * MS;
        assertTrue(monitor.assess(stats(0, 0, 0)).healthy(), "the oldest of the three left the window");
    }

    @Test
    void errorsSpreadWiderThanTheWindowStayHealthy() {
        for (int i = 0; i < 10; i++) {
            monitor.onError("write", new IOException("flaky"));
            assertTrue(monitor.assess(stats(0, 0, 0)).healthy());
            now += 31_000 * MS;
        }
    }
}
