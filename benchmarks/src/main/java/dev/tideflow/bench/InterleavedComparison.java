package dev.tideflow.bench;

import dev.tideflow.log.Level;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * The sustained no-op comparison of {@link AsyncLoggingBenchmark}, but with the three frameworks in one JVM taking
 * turns in short slices, so each round measures all three under the same host conditions.
 *
 * <p>Why: on a 2-vCPU guest the same Tideflow build sustains anywhere from 3 to 12 lines/µs, in phases of seconds,
 * because the host moves the two vCPUs between cores that do and do not share a cache (the consumer's CPU time per
 * line doubles while both threads stay at 100 % CPU). A JMH run measures each framework in its own fork minutes
 * apart, so one may get a fast phase and the next a slow one, and their ratio says as much about the host as about
 * the loggers. Here one round is a slice of each framework back to back; the ratio is taken per round.
 *
 * <p>Same calls, layout, queue capacity and line counting as the JMH benchmark; producers block on a full queue, so
 * nothing is dropped, and at the end every framework must have written exactly the lines it was called for.
 *
 * <pre>
 * java -cp "target/classes:$(cat target/classpath.txt)" dev.tideflow.bench.InterleavedComparison \
 *     --threads 1 --seconds 60 --slice-ms 400 --mode auto
 * </pre>
 */
public final class InterleavedComparison {

    private static final String[] NAMES = {"tideflow", "log4j2", "logback"};
    private static final int TIDEFLOW = 0;
    private static final int LOG4J2 = 1;
    private static final int LOGBACK = 2;
    private static final int IDLE = -1;
    private static final long WARM_UP_NANOS = 6_000_000_000L;

    private final int threads;
    private final long sliceNanos;
    private final long settleNanos;
    private final TideflowState tideflow = new TideflowState();
    private final Log4j2State log4j2 = new Log4j2State();
    private final LogbackState logback = new LogbackState();
    private final OpCounter[][] counters;
    private volatile int active = IDLE;
    private volatile boolean done;

    private InterleavedComparison(int threads, long sliceMillis, String mode) {
        this.threads = threads;
        this.sliceNanos = sliceMillis * 1_000_000;
        this.settleNanos = Math.max(20_000_000, sliceNanos / 5);
        tideflow.sink = "noop";
        tideflow.mode = mode;
        tideflow.clock = "system";
        log4j2.sink = "noop";
        log4j2.clock = "system";
        logback.sink = "noop";
        counters = new OpCounter[NAMES.length][threads];
        for (OpCounter[] row : counters) {
            for (int t = 0; t < threads; t++) {
                row[t] = new OpCounter();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = 1;
        int seconds = 60;
        int sliceMillis = 400;
        String mode = "auto";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--slice-ms" -> sliceMillis = Integer.parseInt(args[i + 1]);
                case "--mode" -> mode = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--threads N --seconds S --slice-ms M --mode auto|single|mpsc)");
            }
        }
        // Log4j2 all-async with the same switches as the JMH forks; set before Log4j2 is first touched.
        for (String property : new String[] {BenchmarkOutput.LOG4J_SELECTOR, BenchmarkOutput.LOG4J_RING,
                BenchmarkOutput.LOG4J_THREADLOCALS, BenchmarkOutput.LOG4J_DIRECT_ENCODERS,
                BenchmarkOutput.LOG4J_GC_FREE_CONTEXT, BenchmarkOutput.LOG4J_NOT_WEBAPP}) {
            String[] kv = property.substring(2).split("=", 2);
            System.setProperty(kv[0], kv[1]);
        }
        new InterleavedComparison(threads, sliceMillis, mode).run(seconds);
    }

    private void run(int seconds) throws Exception {
        tideflow.start();
        log4j2.start();
        logback.start();
        LongSupplier[] lines = {tideflow::linesSoFar, log4j2::linesSoFar, logback::linesSoFar};
        CountDownLatch stopped = new CountDownLatch(threads);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread producer = new Thread(() -> {
                produce(index);
                stopped.countDown();
            }, "producer-" + t);
            producer.start();
            producers.add(producer);
        }
        System.out.printf(Locale.ROOT, "threads %d, tideflow mode %s, slices of %d ms (first %d ms of each not "
                + "measured), %d s after %d s of warm-up%n", threads, tideflow.mode, sliceNanos / 1_000_000, settleNanos / 1_000_000,
                seconds, WARM_UP_NANOS / 1_000_000_000);
        System.out.printf(Locale.ROOT, "%5s %9s %9s %9s %7s %21s%n", "round", "tideflow", "log4j2", "logback",
                "ratio", "tideflow consumer cpu");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long consumerId = consumerThreadId();
        List<double[]> rounds = new ArrayList<>();
        long end = System.nanoTime() + WARM_UP_NANOS + seconds * 1_000_000_000L;
        // Rounds in the first WARM_UP_NANOS are warm-up: every framework's code is compiled before anything counts.
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        for (int round = 0; System.nanoTime() < end || rounds.isEmpty(); round++) {
            boolean warmUp = System.nanoTime() < warmUpEnd;
            double[] rate = new double[NAMES.length];
            double consumerCpuPerLine = 0;
            double consumerBusy = 0;
            for (int f = 0; f < NAMES.length; f++) {
                active = f;
                pause(settleNanos);
                long cpu0 = f == TIDEFLOW ? mx.getThreadCpuTime(consumerId) : 0;
                long l0 = lines[f].getAsLong();
                long t0 = System.nanoTime();
                pause(sliceNanos - settleNanos);
                long l1 = lines[f].getAsLong();
                long t1 = System.nanoTime();
                rate[f] = (l1 - l0) * 1000.0 / (t1 - t0);
                if (f == TIDEFLOW) {
                    long cpu = mx.getThreadCpuTime(consumerId) - cpu0;
                    consumerCpuPerLine = cpu / (double) Math.max(1, l1 - l0);
                    consumerBusy = 100.0 * cpu / (t1 - t0);
                }
            }
            double ratio = rate[TIDEFLOW] / Math.max(rate[LOG4J2], rate[LOGBACK]);
            System.out.printf(Locale.ROOT, "%5d %9.2f %9.2f %9.2f %6.2fx %6.1f ns/line %3.0f%%%s%n", round,
                    rate[TIDEFLOW], rate[LOG4J2], rate[LOGBACK], ratio, consumerCpuPerLine, consumerBusy, warmUp ? "  (warm-up)" : "");
            if (!warmUp) {
                rounds.add(new double[] {rate[TIDEFLOW], rate[LOG4J2], rate[LOGBACK], ratio});
            }
        }
        done = true;
        active = IDLE;
        stopped.await();
        for (Thread producer : producers) {
            producer.join();
        }
        summarize(rounds);
        verify(TIDEFLOW, tideflow::stop);
        verify(LOG4J2, log4j2::stop);
        verify(LOGBACK, logback::stop);
    }

    private void produce(int t) {
        while (!done) {
            // One method per framework, each compiled on its own, with exactly the calls of AsyncLoggingBenchmark.
            switch (active) {
                case TIDEFLOW -> tideflowSlice(counters[TIDEFLOW][t]);
                case LOG4J2 -> log4j2Slice(counters[LOG4J2][t]);
                case LOGBACK -> logbackSlice(counters[LOGBACK][t]);
                default -> Thread.onSpinWait();
            }
        }
    }

    private void tideflowSlice(OpCounter ops) {
        StringBuilder m = ops.message;
        while (active == TIDEFLOW) {
            m.setLength(0);
            m.append("scaled ").append(BenchmarkOutput.TARGET).append(" to ").append(BenchmarkOutput.REPLICAS)
                    .append(" replicas");
            tideflow.logger.log(Level.INFO, BenchmarkOutput.LOGGER, m);
            ops.calls++;
        }
    }

    private void log4j2Slice(OpCounter ops) {
        while (active == LOG4J2) {
            log4j2.logger.info(BenchmarkOutput.TEMPLATE, BenchmarkOutput.TARGET, BenchmarkOutput.REPLICAS);
            ops.calls++;
        }
    }

    private void logbackSlice(OpCounter ops) {
        while (active == LOGBACK) {
            logback.logger.info(BenchmarkOutput.TEMPLATE, BenchmarkOutput.TARGET, BenchmarkOutput.REPLICAS);
            ops.calls++;
        }
    }

    private void summarize(List<double[]> rounds) {
        System.out.println();
        String[] columns = {"tideflow", "log4j2", "logback", "ratio"};
        System.out.printf(Locale.ROOT, "%d measured rounds: %8s %8s %8s %8s%n", rounds.size(), "min", "median",
                "max", "mean");
        for (int c = 0; c < columns.length; c++) {
            double[] values = new double[rounds.size()];
            double sum = 0;
            for (int r = 0; r < values.length; r++) {
                values[r] = rounds.get(r)[c];
                sum += values[r];
            }
            Arrays.sort(values);
            System.out.printf(Locale.ROOT, "%-18s %8.2f %8.2f %8.2f %8.2f%n", columns[c], values[0],
                    values[values.length / 2], values[values.length - 1], sum / values.length);
        }
        long atLeastTwice = rounds.stream().filter(r -> r[3] >= 2.0).count();
        System.out.printf(Locale.ROOT, "rounds with tideflow >= 2x the faster other: %d of %d%n", atLeastTwice,
                rounds.size());
    }

    /** Each framework's trial check: lines written must equal its calls, over every slice it had. */
    private void verify(int framework, Runnable stop) {
        BenchmarkOutput.reset();
        for (OpCounter counter : counters[framework]) {
            BenchmarkOutput.register(counter);
        }
        stop.run();
    }

    private static long consumerThreadId() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("tideflow-log-consumer")) {
                return thread.getId();
            }
        }
        throw new IllegalStateException("no tideflow-log-consumer thread");
    }

    private static void pause(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
}
