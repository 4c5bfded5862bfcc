package dev.tideflow.log.sink;

import dev.tideflow.log.config.ByteSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RotatingFileSinkTest {

    private static final String NAME = "app.log";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:15:00Z"));
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private FileSinkConfig.Builder config() {
        return FileSinkConfig.builder(dir).fileName(NAME).clock(clock).rotationInterval(null)
                .retention(RetentionPolicy.KEEP_ALL).tickInterval(Duration.ofMillis(10))
                .retry(new RetryBackoff(3, Duration.ofMillis(1), Duration.ofMillis(5)))
                .errorHandler((op, e) -> errors.add(op + ": " + e));
    }

    @Test
    void sizeRotationCutsOnlyBetweenLinesAndLosesNothing() throws Exception {
        List<String> written = new ArrayList<>();
        try (RotatingFileSink sink = RotatingFileSink.open(config().maxFileSize(ByteSize.parse("1KB")).build())) {
            for (int batch = 0; batch < 20; batch++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 37; i++) {
                    String line = "batch " + batch + " line " + i + " " + "x".repeat(i % 13);
                    written.add(line);
                    sb.append(line).append('\n');
                }
                sink.write(utf8(sb.toString()));
            }
        }
        assertEquals(written, LogFiles.allLines(dir, NAME));
        List<Path> archives = LogFiles.ofKind(dir, NAME, RotatedFile.Kind.ARCHIVE);
        assertTrue(archives.size() >= 10, "expected many rotations, got " + archives.size());
        for (Path archive : archives) {
            List<String> lines = LogFiles.read(archive);
            int bytes = lines.stream().mapToInt(l -> l.length() + 1).sum();
            assertTrue(bytes <= 1000, archive + " holds " + bytes + " bytes");
        }
        assertTrue(LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT).isEmpty(), "all segments archived");
        assertEquals(archives.size(), LogFiles.verifyArchivesWithSystemTools(dir, NAME));
        assertEquals(List.of(), errors);
    }

    @Test
    void aLineLongerThanTheLimitGetsAFileOfItsOwn() throws Exception {
        String huge = "y".repeat(3000);
        try (RotatingFileSink sink = RotatingFileSink.open(config().maxFileSize(ByteSize.parse("1KB")).build())) {
            sink.write(utf8("small\n" + huge + "\nafter\n"));
        }
        assertEquals(List.of("small", huge, "after"), LogFiles.allLines(dir, NAME));
    }

    @Test
    void timeRotationHappensOnTheTimerEvenWithoutWrites() throws Exception {
        try (RotatingFileSink sink = RotatingFileSink.open(config().rotationInterval(Duration.ofHours(1)).build())) {
            sink.write(utf8("before the hour\n"));
            clock.advance(Duration.ofMinutes(45));
            await().atMost(5, TimeUnit.SECONDS).until(() -> sink.rotations() == 1);
            assertEquals(List.of(), Files.readAllLines(dir.resolve(NAME)));
            await().atMost(5, TimeUnit.SECONDS)
                    .until(() -> LogFiles.ofKind(dir, NAME, RotatedFile.Kind.CHECKSUM).size() == 1);
        }
        assertEquals(List.of("before the hour"), LogFiles.allLines(dir, NAME));
        String archive = LogFiles.ofKind(dir, NAME, RotatedFile.Kind.ARCHIVE).get(0).getFileName().toString();
        assertTrue(archive.startsWith("app-20250301T110000Z-000001.log.gz"), archive);
    }

    @Test
    void anActiveFileLeftFromAnEarlierPeriodIsRotatedAtStart() throws Exception {
        Path active = dir.resolve(NAME);
        Files.writeString(active, "from yesterday\n");
        Files.setLastModifiedTime(active, FileTime.fromMillis(clock.millis() - Duration.ofDays(1).toMillis()));
        try (RotatingFileSink sink = RotatingFileSink.open(config().rotationInterval(Duration.ofHours(1)).build())) {
            sink.write(utf8("today\n"));
        }
        List<Path> archives = LogFiles.ofKind(dir, NAME, RotatedFile.Kind.ARCHIVE);
        assertEquals(1, archives.size());
        assertEquals(List.of("from yesterday"), LogFiles.read(archives.get(0)));
        assertEquals(List.of("today"), Files.readAllLines(active));
    }

    @Test
    void anActiveFileFromTheCurrentPeriodIsAppendedTo() throws Exception {
        Files.writeString(dir.resolve(NAME), "earlier today\n");
        try (RotatingFileSink sink = RotatingFileSink.open(config().rotationInterval(Duration.ofDays(1)).build())) {
            sink.write(utf8("later today\n"));
        }
        assertEquals(List.of("earlier today", "later today"), LogFiles.allLines(dir, NAME));
        assertEquals(0, LogFiles.rotated(dir, NAME).size());
    }

    @Test
    void twoRotationsInTheSameSecondGetDistinctNames() throws Exception {
        try (RotatingFileSink sink = RotatingFileSink.open(config().build())) {
            for (int i = 0; i < 3; i++) {
                sink.write(utf8("line " + i + "\n"));
                sink.rotateNow();
            }
        }
        List<Path> archives = LogFiles.ofKind(dir, NAME, RotatedFile.Kind.ARCHIVE);
        assertEquals(3, archives.size());
        assertEquals(3, archives.stream().map(Path::getFileName).distinct().count());
        assertEquals(List.of("line 0", "line 1", "line 2"), LogFiles.allLines(dir, NAME));
    }

    @Test
    void indexContinuesAfterRestartSoOldArchivesAreNeverOverwritten() throws Exception {
        for (int run = 0; run < 2; run++) {
            try (RotatingFileSink sink = RotatingFileSink.open(config().build())) {
                sink.write(utf8("run " + run + "\n"));
                sink.rotateNow();
            }
        }
        assertEquals(List.of("run 0", "run 1"), LogFiles.allLines(dir, NAME));
        assertEquals(List.of(1L, 2L), LogFiles.rotated(dir, NAME).stream()
                .filter(f -> f.kind() == RotatedFile.Kind.ARCHIVE).map(RotatedFile::index).toList());
    }

    @Test
    void zstdArchivesPassTheZstdToolAndTheirChecksums() throws Exception {
        try (RotatingFileSink sink = RotatingFileSink.open(config().compression(Compression.ZSTD).build())) {
            sink.write(utf8("zstd line\n".repeat(100)));
            sink.rotateNow();
        }
        List<Path> archives = LogFiles.ofKind(dir, NAME, RotatedFile.Kind.ARCHIVE);
        assertEquals(1, archives.size());
        assertTrue(archives.get(0).toString().endsWith(".log.zst"));
        assertEquals(1, LogFiles.verifyArchivesWithSystemTools(dir, NAME));
        assertEquals(100, LogFiles.allLines(dir, NAME).size());
    }

    @Test
    void withoutCompressionTheSegmentItselfGetsTheChecksum() throws Exception {
        try (RotatingFileSink sink = RotatingFileSink.open(config().compression(Compression.NONE).build())) {
            sink.write(utf8("plain\n"));
            sink.rotateNow();
        }
        List<Path> segments = LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT);
        assertEquals(1, segments.size());
        String checksum = segments.get(0).getFileName() + ".sha256";
        assertTrue(Files.exists(dir.resolve(checksum)));
        if (LogFiles.onPath("sha256sum")) {
            LogFiles.run(dir, "sha256sum", "-c", checksum);
        }
    }

    @Test
    void aCrashMidCompressionLeavesTheSegmentAndRecoveryArchivesIt() throws Exception {
        // What a crash leaves: the rotated segment, and a partial archive under its temporary name.
        SegmentNames names = new SegmentNames(dir, NAME);
        Path segment = names.segment(7, clock.millis());
        List<String> lines = IntStream.range(0, 500).mapToObj(i -> "recovered line " + i).toList();
        Files.write(segment, lines);
        Path temp = names.tempOf(names.archiveOf(segment, Compression.GZIP.codec(-1)));
        byte[] full = gzip(Files.readAllBytes(segment));
        Files.write(temp, Arrays.copyOf(full, full.length / 2));
        // And an older generation whose archive was renamed into place but whose checksum was never written.
        Path olderSegment = names.segment(3, clock.millis());
        Path olderArchive = names.archiveOf(olderSegment, Compression.GZIP.codec(-1));
        Files.write(olderArchive, gzip("older\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(olderSegment, "older\n");

        try (RotatingFileSink sink = RotatingFileSink.open(config().build())) {
            await().atMost(10, TimeUnit.SECONDS).until(() -> sink.stats().queuedJobs() == 0
                    && LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT).isEmpty());
            sink.write(utf8("after restart\n"));
            sink.rotateNow();
        }
        assertFalse(Files.exists(temp), "the partial archive is gone");
        assertEquals(0, LogFiles.ofKind(dir, NAME, RotatedFile.Kind.TEMP).size());
        assertEquals(3, LogFiles.verifyArchivesWithSystemTools(dir, NAME));
        List<String> expected = new ArrayList<>();
        expected.add("older");
        expected.addAll(lines);
        expected.add("after restart");
        assertEquals(expected, LogFiles.allLines(dir, NAME));
        assertEquals(8, LogFiles.rotated(dir, NAME).stream().mapToLong(RotatedFile::index).max().orElseThrow(),
                "the new rotation continued after the highest index found");
    }

    @Test
    void aFailingCompressionIsRetriedAndNeverLeavesATruncatedArchive() throws Exception {
        FailingCodec codec = new FailingCodec(Integer.MAX_VALUE);
        try (RotatingFileSink sink = RotatingFileSink.open(config().codec(codec).build())) {
            sink.write(utf8("keep me\n".repeat(10_000)));
            sink.rotateNow();
        }
        assertEquals(3, codec.attempts, "retried up to the configured attempts");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("gave up after 3 attempts"), errors.toString());
        assertEquals(1, LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT).size(), "segment kept");
        assertEquals(0, LogFiles.ofKind(dir, NAME, RotatedFile.Kind.ARCHIVE).size(), "no archive under its name");
        assertEquals(0, LogFiles.ofKind(dir, NAME, RotatedFile.Kind.TEMP).size(), "temporary removed");

        errors.clear();
        FailingCodec onceThenFine = new FailingCodec(1);
        try (RotatingFileSink sink = RotatingFileSink.open(config().codec(onceThenFine).build())) {
            await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT).isEmpty());
        }
        assertEquals(2, onceThenFine.attempts);
        assertEquals(List.of(), errors);
        assertEquals(1, LogFiles.verifyArchivesWithSystemTools(dir, NAME));
        assertEquals(10_000, LogFiles.allLines(dir, NAME).size());
    }

    @Test
    void retentionDeletesOldestGenerationsAndNothingThatIsNotItsOwn() throws Exception {
        Set<String> foreign = Set.of("app.log.bak", "app-notes.log", "other-20250101T000000Z-000001.log",
                "app-20250101T000000Z-1.log", "app-20250101T000000Z-000001.txt", "README");
        for (String f : foreign) {
            Files.writeString(dir.resolve(f), "not ours\n");
        }
        try (RotatingFileSink sink = RotatingFileSink.open(config()
                .retention(new RetentionPolicy(2, null, 0)).build())) {
            for (int i = 0; i < 5; i++) {
                sink.write(utf8("generation " + i + "\n"));
                sink.rotateNow();
            }
        }
        assertEquals(List.of("generation 3", "generation 4"), LogFiles.allLines(dir, NAME));
        for (String f : foreign) {
            assertTrue(Files.exists(dir.resolve(f)), f + " must survive cleanup");
        }
        assertEquals(2, LogFiles.verifyArchivesWithSystemTools(dir, NAME));
    }

    @Test
    void retentionByAgeUsesTheRotationTime() throws Exception {
        try (RotatingFileSink sink = RotatingFileSink.open(config()
                .retention(new RetentionPolicy(0, Duration.ofDays(7), 0)).build())) {
            sink.write(utf8("old\n"));
            sink.rotateNow();
            clock.advance(Duration.ofDays(8));
            sink.write(utf8("new\n"));
            sink.rotateNow();
        }
        assertEquals(List.of("new"), LogFiles.allLines(dir, NAME));
    }

    @Test
    void theFileNameCannotEscapeTheDirectory() {
        for (String bad : List.of("../escape.log", "sub/app.log", "..", "/etc/passwd", "a\\b.log", "")) {
            assertThrows(IllegalArgumentException.class, () -> config().fileName(bad).build(), bad);
        }
    }

    @Test
    void propertiesUseHumanUnitsAndRejectTypos() {
        FileSinkConfig c = FileSinkConfig.fromProperties(Map.of(
                "directory", dir.toString(), "max-size", "512KiB", "rotate-every", "24h", "max-age", "7d",
                "max-files", "5", "max-total-size", "2GB", "compression", "zstd"));
        assertEquals(512 * 1024, c.maxFileBytes());
        assertEquals(Duration.ofHours(24), c.rotationInterval());
        assertEquals(new RetentionPolicy(5, Duration.ofDays(7), 2_000_000_000L), c.retention());
        assertEquals(".zst", c.codec().extension());
        assertThrows(IllegalArgumentException.class, () -> FileSinkConfig.fromProperties(Map.of(
                "directory", dir.toString(), "max-sise", "1MB")));
    }

    @Test
    void closeFinishesEveryQueuedArchive() throws Exception {
        try (RotatingFileSink sink = RotatingFileSink.open(config().queueCapacity(1).build())) {
            for (int i = 0; i < 20; i++) {
                sink.write(utf8(("close test " + i + "\n").repeat(200)));
                sink.rotateNow();
            }
        }
        assertTrue(LogFiles.ofKind(dir, NAME, RotatedFile.Kind.SEGMENT).isEmpty());
        assertEquals(20, LogFiles.verifyArchivesWithSystemTools(dir, NAME));
        assertEquals(4000, LogFiles.allLines(dir, NAME).size());
        assertThrows(IOException.class, () -> {
            RotatingFileSink closed = RotatingFileSink.open(config().build());
            closed.close();
            closed.write(utf8("late\n"));
        });
    }

    @Test
    void writingResumesOnceAVanishedDirectoryIsBack() throws Exception {
        Path logs = dir.resolve("logs");
        FileSinkConfig c = config().maxFileSize(ByteSize.parse("1KB")).compression(Compression.NONE).build();
        c = new FileSinkConfig(logs, c.fileName(), c.maxFileBytes(), c.rotationInterval(), c.retention(), c.codec(),
                c.checksums(), c.fsyncOnFlush(), c.queueCapacity(), c.retry(), c.tickInterval(), c.clock(),
                c.errorHandler());
        try (RotatingFileSink sink = RotatingFileSink.open(c)) {
            sink.write(utf8("before\n"));
            Files.delete(logs.resolve(NAME));
            Files.delete(logs);
            for (int i = 0; i < 5; i++) {
                sink.write(utf8(("while gone " + i + "\n").repeat(40)));
            }
            assertFalse(errors.isEmpty(), "rotating and reopening without a directory must be reported");

            Files.createDirectories(logs);
            clock.advance(Duration.ofSeconds(1));
            // The active file stayed closed after the failed reopen: the next rotation must not trip over it.
            sink.write(utf8("after\n"));
        }
        assertTrue(LogFiles.allLines(logs, NAME).contains("after"));
    }

    @Test
    void concurrentWritersAndRotationsLoseNoLine() throws Exception {
        int threads = 4;
        int batches = 200;
        try (RotatingFileSink sink = RotatingFileSink.open(config().maxFileSize(ByteSize.parse("16KiB"))
                .rotationInterval(Duration.ofMinutes(1)).build())) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                writers.add(new Thread(() -> {
                    for (int b = 0; b < batches; b++) {
                        StringBuilder sb = new StringBuilder();
                        for (int i = 0; i < 10; i++) {
                            sb.append("w").append(id).append(' ').append(b * 10 + i).append('\n');
                        }
                        try {
                            sink.write(utf8(sb.toString()));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
            }
            Thread rotator = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    sink.rotateNow();
                    clock.advance(Duration.ofSeconds(20));
                    Thread.yield();
                }
            });
            writers.forEach(Thread::start);
            rotator.start();
            for (Thread w : writers) {
                w.join();
            }
            rotator.join();
        }
        int[] next = new int[threads];
        List<String> lines = LogFiles.allLines(dir, NAME);
        for (String line : lines) {
            String[] parts = line.split(" ");
            int id = Integer.parseInt(parts[0].substring(1));
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "writer " + id + " lost or reordered a line");
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(batches * 10, next[t]);
        }
        assertEquals(List.of(), errors);
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = Compression.GZIP.codec(-1).wrap(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** gzip that dies after writing a little, for its first {@code failures} uses. */
    private static final class FailingCodec implements ArchiveCodec {

        private final int failures;
        private int attempts;

        FailingCodec(int failures) {
            this.failures = failures;
        }

        @Override
        public String extension() {
            return ".gz";
        }

        @Override
        public OutputStream wrap(OutputStream target) throws IOException {
            boolean fail = attempts++ < failures;
            OutputStream gz = Compression.GZIP.codec(-1).wrap(target);
            if (!fail) {
                return gz;
            }
            return new OutputStream() {
                private int written;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (written > 100) {
                        throw new IOException("disk gone mid-compression");
                    }
                    gz.write(b, off, len);
                    gz.flush();
                    written += len;
                }

                @Override
                public void close() throws IOException {
                    gz.close();
                }
            };
        }
    }
}
