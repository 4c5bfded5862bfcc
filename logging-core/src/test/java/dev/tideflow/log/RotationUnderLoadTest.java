package dev.tideflow.log;

import dev.tideflow.log.config.ByteSize;
import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.sink.Compression;
import dev.tideflow.log.sink.FileSinkConfig;
import dev.tideflow.log.sink.LogFiles;
import dev.tideflow.log.sink.MutableClock;
import dev.tideflow.log.sink.RetentionPolicy;
import dev.tideflow.log.sink.RotatedFile;
import dev.tideflow.log.sink.RotatingFileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many producers through the logger into a rotating, compressing sink, with extra rotations forced meanwhile. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RotationUnderLoadTest {

    private static final String NAME = "load.log";

    @TempDir
    Path dir;

    @Test
    void noLineIsLostAndEveryArchivePassesGzipAndSha256sum() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
        RotatingFileSink sink = RotatingFileSink.open(FileSinkConfig.builder(dir).fileName(NAME).clock(clock)
                .maxFileSize(ByteSize.parse("256KiB")).rotationInterval(Duration.ofMinutes(1))
                .compression(Compression.GZIP).retention(RetentionPolicy.KEEP_ALL)
                .tickInterval(Duration.ofMillis(5)).errorHandler((op, e) -> errors.add(op + ": " + e)).build());
        ScalingLogger logger = ScalingLogger.start(LoggerConfig.builder()
                .encoder(() -> new PatternEncoder("%p %c %m%X%n"))
                .errorHandler((op, e) -> errors.add(op + ": " + e)).build(), sink);

        // Time rotations on the sink's own timer, racing the consumer's size rotations.
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread timeMover = new Thread(() -> {
            while (writing.get()) {
                clock.advance(Duration.ofSeconds(7));
                Thread.yield();
            }
        });
        timeMover.start();
        int threads = 8;
        int perThread = 25_000;
        ScalingLoggerTest.runWriters(logger, threads, perThread);
        writing.set(false);
        timeMover.join();
        logger.close();

        List<String> lines = LogFiles.allLines(dir, NAME);
        assertEquals(threads * perThread, lines.size());
        ScalingLoggerTest.assertPerThreadOrder(lines, threads, perThread);
        LogStats stats = logger.stats();
        assertEquals(threads * perThread, stats.writes());
        assertTrue(stats.rotations() >= 10, "expected many rotations: " + stats);
        assertTrue(LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT).isEmpty(), "close archived every segment");
        assertEquals(stats.rotations(), LogFiles.verifyArchivesWithSystemTools(dir, NAME));
        assertEquals(List.of(), errors);
    }
}
