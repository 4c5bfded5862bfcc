package dev.tideflow.log;

import com.sun.management.ThreadMXBean;
import dev.tideflow.log.scale.ProducerMode;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer path allocates nothing per record in steady state, in either mode and through either entry point.
 * Measured with the JVM's per-thread allocation counter around many records; a single allocation per record would
 * show up as megabytes.
 */
class ProducerAllocationTest {

    private static final int RECORDS = 200_000;

    @Test
    void singleModeAllocatesNothingPerRecord() {
        assertNoAllocation(ProducerMode.SINGLE);
    }

    @Test
    void mpscModeAllocatesNothingPerRecord() {
        assertNoAllocation(ProducerMode.MPSC);
    }

    private static void assertNoAllocation(ProducerMode mode) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported());
        LineCountingSink sink = new LineCountingSink();
        ScalingLogger logger = ScalingLogger.start(LoggerConfig.builder().mode(mode).build(), sink);
        String target = "shop/checkout";
        StringBuilder message = new StringBuilder("scaled replicas of a deployment");
        Throwable error = new IllegalStateException("kept by reference, rendered by the consumer");

        write(logger, target, message, error, RECORDS);
        long before = threads.getCurrentThreadAllocatedBytes();
        write(logger, target, message, error, RECORDS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        logger.close();

        assertEquals(4L * RECORDS, logger.stats().writes());
        assertTrue(allocated < 4096, mode + ": " + allocated + " bytes allocated for " + 2 * RECORDS + " records");
        assertEquals(4L * RECORDS, sink.lines(), "JSON lines keep even a stack trace on the record's line");
    }

    private static void write(ScalingLogger logger, String target, StringBuilder message, Throwable error, int n) {
        for (int i = 0; i < n; i++) {
            logger.at(Level.INFO, "executor").str("target", target).num("replicas", i).num("cpu", 0.75)
                    .bool("dryRun", false).log(message);
            logger.log(Level.WARN, "policy", message, (i & 1023) == 0 ? error : null);
        }
    }
}
