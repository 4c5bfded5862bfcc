package dev.tideflow.bench;

import dev.tideflow.log.CachedMillisClock;
import dev.tideflow.log.LoggerConfig;
import dev.tideflow.log.ScalingLogger;
import dev.tideflow.log.config.ByteSize;
import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.scale.ProducerMode;
import dev.tideflow.log.sink.Compression;
import dev.tideflow.log.sink.FileSinkConfig;
import dev.tideflow.log.sink.RotatingFileSink;
import dev.tideflow.log.sink.Sink;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** The Tideflow core with the same layout and capacity as the others, writing to a no-op or a file sink. */
@State(Scope.Benchmark)
public class TideflowState {

    @Param({"noop", "file"})
    public String sink;

    /**
     * {@code auto}: the scaler decides (a single fast producer passes {@code scale.up.writes-per-second} and is moved
     * to MPSC within a few windows); {@code single} / {@code mpsc}: the mode is fixed, to measure each path.
     */
    @Param({"auto", "single"})
    public String mode;

    /** {@code system}: a clock read per record; {@code cached}: {@code CachedMillisClock}, read from a field. */
    @Param({"system"})
    public String clock;

    ScalingLogger logger;
    private LineCountingSink counting;
    private Path file;

    @Setup(Level.Trial)
    public void start() throws IOException {
        String pattern = pattern();
        LoggerConfig config = LoggerConfig.builder()
                .singleRingCapacity(BenchmarkOutput.QUEUE_CAPACITY)
                .mpscRingCapacity(BenchmarkOutput.QUEUE_CAPACITY)
                .encoder(() -> new PatternEncoder(pattern))
                .mode(mode.equals("auto") ? null : ProducerMode.valueOf(mode.toUpperCase(Locale.ROOT)))
                .clock(clock.equals("cached") ? CachedMillisClock.utc() : Clock.systemUTC())
                .build();
        Sink out;
        if (sink.equals("file")) {
            file = BenchmarkOutput.newFile("tideflow");
            // One plain file, as the others write: no rotation, no compression in the background.
            out = RotatingFileSink.open(FileSinkConfig.builder(file.getParent())
                    .fileName(file.getFileName().toString())
                    .maxFileSize(ByteSize.parse("1TB"))
                    .rotationInterval(null)
                    .compression(Compression.NONE)
                    .checksums(false)
                    .build());
        } else {
            counting = new LineCountingSink();
            out = counting;
        }
        logger = ScalingLogger.start(config, out);
        BenchmarkOutput.promoteToOldGeneration();
    }

    /** Lines out so far; only the no-op sink counts as it goes (burst benchmarks run with {@code sink=noop}). */
    long linesSoFar() {
        if (counting == null) {
            throw new IllegalStateException("run burst benchmarks with -p sink=noop");
        }
        return counting.lines;
    }

    @TearDown(Level.Trial)
    public void stop() {
        logger.close();
        long lines = counting != null ? counting.lines : BenchmarkOutput.countLinesAndDelete(file);
        BenchmarkOutput.verifyNoneLost(label() + "/" + mode + "/" + sink + " (" + logger.stats().switches()
                + " mode switches)", lines);
    }

    String pattern() {
        return BenchmarkOutput.TIDEFLOW_PATTERN;
    }

    String label() {
        return "tideflow";
    }

    /** Counts lines in each batch; called by the logger's one consumer thread only. */
    static final class LineCountingSink implements Sink {

        volatile long lines;

        @Override
        public void write(ByteBuffer batch) {
            // The same count as the others' counting stream, so counting costs all three alike.
            long n = BenchmarkOutput.countLines(batch.array(), batch.arrayOffset() + batch.position(),
                    batch.remaining());
            batch.position(batch.limit());
            lines += n;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
