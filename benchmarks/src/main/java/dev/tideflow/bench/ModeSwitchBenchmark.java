package dev.tideflow.bench;

import dev.tideflow.log.Level;
import dev.tideflow.log.LoggerConfig;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.scale.ProducerMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A forced SINGLE↔MPSC switch, end to end: {@code forceMode} returns once the consumer applied it, then the next
 * record makes the thread move rings, which waits until its last record on the old ring was consumed. Sampled, so
 * the percentiles show the tail; the target is 20 µs. Every record must come out (checked at tear-down).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ModeSwitchBenchmark {

    /**
     * {@code parking}: the default consumer, which parks when idle, so a switch may wait for it to wake up (an OS
     * wake-up, the tail); {@code spinning}: a consumer that never parks, trading a core for that tail.
     */
    @Param({"parking", "spinning"})
    public String consumer;

    private ScalingLogger logger;
    private TideflowState.LineCountingSink sink;
    private ProducerMode next = ProducerMode.MPSC;

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void start() {
        sink = new TideflowState.LineCountingSink();
        LoggerConfig.Builder config = LoggerConfig.builder();
        if (consumer.equals("spinning")) {
            config.consumerIdle(Integer.MAX_VALUE, 0, Duration.ofMillis(2));
        }
        logger = ScalingLogger.start(config
                .mode(ProducerMode.SINGLE)
                .singleRingCapacity(BenchmarkOutput.QUEUE_CAPACITY)
                .mpscRingCapacity(BenchmarkOutput.QUEUE_CAPACITY)
                .encoder(() -> new PatternEncoder(BenchmarkOutput.TIDEFLOW_PATTERN))
                .build(), sink);
    }

    @Benchmark
    public void forcedSwitch(OpCounter ops) {
        logger.forceMode(next);
        next = next == ProducerMode.SINGLE ? ProducerMode.MPSC : ProducerMode.SINGLE;
        logger.log(Level.INFO, BenchmarkOutput.LOGGER, "after a switch");
        ops.calls++;
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void stop() {
        logger.close();
        var stats = logger.stats();
        BenchmarkOutput.verifyNoneLost("mode-switch (" + stats.switches() + " switches, longest ring move "
                + TimeUnit.NANOSECONDS.toMicros(stats.maxSwitchLatencyNanos()) + " µs)", sink.lines);
    }
}
