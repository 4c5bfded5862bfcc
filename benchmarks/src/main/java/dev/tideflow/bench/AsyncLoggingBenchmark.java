package dev.tideflow.bench;

import dev.tideflow.log.Level;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One log call per operation, sustained, measured on the calling threads (use {@code -t 1|2|4}): the Tideflow core
 * against Log4j2's all-async loggers and Logback's AsyncAppender, the same message and layout, the same queue
 * capacity, no drops allowed (each state counts lines at tear-down and fails the trial if one is missing). Since
 * nobody may drop, the queues fill and the score is the rate at which each framework's background thread formats
 * and writes; {@link ProducerCostBenchmark} measures the calling thread alone. Run with {@code -prof gc} for B/op.
 */
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AsyncLoggingBenchmark {

    /** Formats into the thread's reusable buffer (no allocation) and hands the chars to the core. */
    @Benchmark
    public void tideflow(TideflowState state, OpCounter ops) {
        StringBuilder m = ops.message;
        m.setLength(0);
        m.append("scaled ").append(BenchmarkOutput.TARGET).append(" to ").append(BenchmarkOutput.REPLICAS)
                .append(" replicas");
        state.logger.log(Level.INFO, BenchmarkOutput.LOGGER, m);
        ops.calls++;
    }

    @Benchmark
    public void tideflowFields(TideflowFieldsState state, OpCounter ops) {
        state.logger.at(Level.INFO, BenchmarkOutput.LOGGER).str("target", BenchmarkOutput.TARGET)
                .num("replicas", BenchmarkOutput.REPLICAS).log("scaled");
        ops.calls++;
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", BenchmarkOutput.LOG4J_SELECTOR, BenchmarkOutput.LOG4J_RING,
            BenchmarkOutput.LOG4J_THREADLOCALS, BenchmarkOutput.LOG4J_DIRECT_ENCODERS,
            BenchmarkOutput.LOG4J_GC_FREE_CONTEXT, BenchmarkOutput.LOG4J_NOT_WEBAPP})
    public void log4j2(Log4j2State state, OpCounter ops) {
        state.logger.info(BenchmarkOutput.TEMPLATE, BenchmarkOutput.TARGET, BenchmarkOutput.REPLICAS);
        ops.calls++;
    }

    @Benchmark
    public void logback(LogbackState state, OpCounter ops) {
        state.logger.info(BenchmarkOutput.TEMPLATE, BenchmarkOutput.TARGET, BenchmarkOutput.REPLICAS);
        ops.calls++;
    }
}
