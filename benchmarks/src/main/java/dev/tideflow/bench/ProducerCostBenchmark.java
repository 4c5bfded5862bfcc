package dev.tideflow.bench;

import dev.tideflow.log.Level;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * What a log call costs the calling thread while the queue has room: each invocation writes a burst of
 * {@value #BURST} records (with 4 threads still half the queue), and between invocations, outside the measurement,
 * the thread waits until the background thread has written everything logged so far. {@link AsyncLoggingBenchmark}
 * measures the sustained rate instead, where without drops every framework runs at the speed of its consumer. The
 * design's per-call targets (one producer ≤ 25 ns/op, four ≤ 35 ns/op per thread, 0 B/op) are read here. The
 * message is the same constant line for all three, so the score is the logger's own cost and not that of formatting
 * a message (which {@link AsyncLoggingBenchmark} includes). Run with {@code -p sink=noop}: only the no-op sink
 * counts lines as they come out; {@code -p clock=system,cached} compares the system clock with each framework's
 * cached clock (Logback has none).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ProducerCostBenchmark {

    static final int BURST = 1024;

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void tideflow(TideflowState state, TideflowDrain drain, OpCounter ops) {
        for (int i = 0; i < BURST; i++) {
            state.logger.log(Level.INFO, BenchmarkOutput.LOGGER, BenchmarkOutput.MESSAGE);
        }
        ops.calls += BURST;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", BenchmarkOutput.LOG4J_SELECTOR, BenchmarkOutput.LOG4J_RING,
            BenchmarkOutput.LOG4J_THREADLOCALS, BenchmarkOutput.LOG4J_DIRECT_ENCODERS,
            BenchmarkOutput.LOG4J_GC_FREE_CONTEXT, BenchmarkOutput.LOG4J_NOT_WEBAPP})
    public void log4j2(Log4j2State state, Log4j2Drain drain, OpCounter ops) {
        for (int i = 0; i < BURST; i++) {
            state.logger.info(BenchmarkOutput.MESSAGE);
        }
        ops.calls += BURST;
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void logback(LogbackState state, LogbackDrain drain, OpCounter ops) {
        for (int i = 0; i < BURST; i++) {
            state.logger.info(BenchmarkOutput.MESSAGE);
        }
        ops.calls += BURST;
    }

    private static void awaitWritten(LongSupplier linesSoFar) {
        long target = BenchmarkOutput.calls();
        while (linesSoFar.getAsLong() < target) {
            LockSupport.parkNanos(10_000);
        }
    }

    @State(Scope.Thread)
    public static class TideflowDrain {

        @TearDown(org.openjdk.jmh.annotations.Level.Invocation)
        public void await(TideflowState state) {
            awaitWritten(state::linesSoFar);
        }
    }

    @State(Scope.Thread)
    public static class Log4j2Drain {

        @TearDown(org.openjdk.jmh.annotations.Level.Invocation)
        public void await(Log4j2State state) {
            awaitWritten(state::linesSoFar);
        }
    }

    @State(Scope.Thread)
    public static class LogbackDrain {

        @TearDown(org.openjdk.jmh.annotations.Level.Invocation)
        public void await(LogbackState state) {
            awaitWritten(state::linesSoFar);
        }
    }
}
