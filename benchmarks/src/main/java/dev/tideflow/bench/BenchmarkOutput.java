package dev.tideflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every logging benchmark shares, so the three frameworks do the same work: the same message, the same layout
 * (an ISO-8601 UTC timestamp, level, thread, logger, message), the same queue capacity, and the same check that
 * nothing was lost: the lines that came out must equal the calls that went in.
 */
final class BenchmarkOutput {

    static final String LOGGER = "dev.tideflow.bench.Service";
    static final String TARGET = "shop/web";
    static final int REPLICAS = 4;
    /** Rendered as "scaled shop/web to 4 replicas" by all three. */
    static final String TEMPLATE = "scaled {} to {} replicas";
    /** The same line as a constant, for the per-call benchmark: it measures the logger, not message formatting. */
    static final String MESSAGE = "scaled shop/web to 4 replicas";
    static final int QUEUE_CAPACITY = 8192;

    /** Log4j2 all-async with its garbage-free switches; used on the forks of the Log4j2 benchmarks. */
    static final String LOG4J_SELECTOR =
            "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector";
    static final String LOG4J_RING = "-Dlog4j2.asyncLoggerRingBufferSize=8192";
    static final String LOG4J_THREADLOCALS = "-Dlog4j2.enableThreadlocals=true";
    static final String LOG4J_DIRECT_ENCODERS = "-Dlog4j2.enableDirectEncoders=true";
    static final String LOG4J_GC_FREE_CONTEXT = "-Dlog4j2.garbagefreeThreadContextMap=true";
    static final String LOG4J_NOT_WEBAPP = "-Dlog4j2.isWebapp=false";

    static final String TIDEFLOW_PATTERN = "%d %-5p [%t] %c - %m%n";
    static final String TIDEFLOW_FIELDS_PATTERN = "%d %-5p [%t] %c - %m%X%n";
    /** ISO8601_PERIOD is one of Log4j's garbage-free fixed formats; the literal Z completes it as UTC. */
    static final String LOG4J_PATTERN = "%d{ISO8601_PERIOD}{UTC}Z %-5level [%t] %c - %m%n";
    static final String LOGBACK_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger - %msg%n";

    /** Per-thread call counters of the running trial; summed at tear-down. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private static final Queue<OpCounter> COUNTERS = new ConcurrentLinkedQueue<>();

    private BenchmarkOutput() {
    }

    static void register(OpCounter counter) {
        COUNTERS.add(counter);
    }

    static long calls() {
        long sum = 0;
        for (OpCounter c : COUNTERS) {
            sum += c.calls;
        }
        return sum;
    }

    static void reset() {
        COUNTERS.clear();
    }

    /** Fails the trial when any call did not come out as a line. */
    static void verifyNoneLost(String framework, long lines) {
        long calls = calls();
        // Thread states register at their set-up, which may run before or after the benchmark state's: clear here.
        reset();
        if (lines != calls) {
            throw new IllegalStateException(framework + ": " + calls + " records logged but " + lines
                    + " lines written: " + (calls - lines) + " lost");
        }
        System.out.println();
        System.out.println("# " + framework + ": " + calls + " records logged, " + lines + " lines written, none lost");
    }

    /**
     * Newlines in {@code b[off, off + len)}: eight bytes per step (a byte is a newline exactly when it is zero after
     * XOR with 0x0A, tested without carries between bytes). Every framework's no-op sink counts with this on its
     * background thread, so the count costs all three the same; a byte-by-byte loop cost 27 ns per 97-byte line
     * there, this one 12, and the bound on sustained throughput is that thread.
     */
    static long countLines(byte[] b, int off, int len) {
        long n = 0;
        int i = off;
        int end = off + len;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long notZero = ((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x;
            n += Long.bitCount(~notZero & 0x8080808080808080L);
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * Two full collections, so what a framework has pre-allocated (ring slots, ring buffer events, queues) sits in the
     * old generation, as it does in a service that has been running: a JMH fork that allocates nothing may otherwise
     * never collect, and measure young objects whose G1 write barrier exits early. Called by every framework's state
     * after it has started, before the first measured call.
     */
    static void promoteToOldGeneration() {
        System.gc();
        System.gc();
    }

    static Path newFile(String framework) {
        try {
            Path dir = Files.createTempDirectory("tideflow-bench-" + framework);
            return dir.resolve("bench.log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long countLinesAndDelete(Path file) {
        long lines = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                lines += countLines(buf, 0, n);
            }
            Files.delete(file);
            Files.deleteIfExists(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** The no-op sink of Log4j and Logback: the layout still encodes every record, the bytes are only counted. */
    static final class LineCountingOutputStream extends OutputStream {

        private final AtomicLong lines = new AtomicLong();

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines.incrementAndGet();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            long n = countLines(b, off, len);
            // Atomic: a framework may also write from the logging threads (Log4j does when its ring is full).
            lines.addAndGet(n);
        }

        long lines() {
            return lines.get();
        }
    }
}
