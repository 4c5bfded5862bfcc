package dev.tideflow.log.sink;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentNamesTest {

    private final Path dir = Path.of("/var/log/tideflow");
    private final SegmentNames names = new SegmentNames(dir, "app.log");
    private final long millis = Instant.parse("2025-01-31T12:34:56.789Z").toEpochMilli();

    @Test
    void namesEveryStageOfAGeneration() {
        Path segment = names.segment(42, millis);
        assertEquals(dir.resolve("app-20250131T123456Z-000042.log"), segment);
        Path archive = names.archiveOf(segment, Compression.GZIP.codec(-1));
        assertEquals("app-20250131T123456Z-000042.log.gz", archive.getFileName().toString());
        assertEquals("app-20250131T123456Z-000042.log.gz.sha256", names.checksumOf(archive).getFileName().toString());
        assertEquals("app-20250131T123456Z-000042.log.gz.tmp", names.tempOf(archive).getFileName().toString());
    }

    @Test
    void parsesItsOwnNamesBackWithIndexTimeAndKind() {
        Path segment = names.segment(42, millis);
        RotatedFile parsed = names.parse(segment).orElseThrow();
        assertEquals(42, parsed.index());
        assertEquals(millis / 1000 * 1000, parsed.epochMillis());
        assertEquals(RotatedFile.Kind.SEGMENT, parsed.kind());
        assertEquals(RotatedFile.Kind.ARCHIVE, kind("app-20250131T123456Z-000042.log.zst"));
        assertEquals(RotatedFile.Kind.CHECKSUM, kind("app-20250131T123456Z-000042.log.zst.sha256"));
        assertEquals(RotatedFile.Kind.CHECKSUM, kind("app-20250131T123456Z-000042.log.sha256"));
        assertEquals(RotatedFile.Kind.TEMP, kind("app-20250131T123456Z-000042.log.gz.sha256.tmp"));
        assertEquals(1_234_567L, names.parse(dir.resolve("app-20250131T123456Z-1234567.log")).orElseThrow().index());
    }

    @Test
    void anythingElseIsNotOurs() {
        for (String other : new String[] {"app.log", "app.log.1", "app-20250131T123456Z-000042.log.bak",
            "app-20250131T123456Z-42.log", "app2-20250131T123456Z-000042.log", "xapp-20250131T123456Z-000042.log",
            "app-20251331T123456Z-000042.log", "app-20250131T123456Z-000042.txt", "app-2025-000042.log"}) {
            assertTrue(names.parse(dir.resolve(other)).isEmpty(), other);
        }
    }

    @Test
    void aRegexMetacharacterInTheNameIsTakenLiterally() {
        SegmentNames dotted = new SegmentNames(dir, "a.b+c.log");
        assertTrue(dotted.parse(dir.resolve("a.b+c-20250131T123456Z-000001.log")).isPresent());
        assertTrue(dotted.parse(dir.resolve("aXb+c-20250131T123456Z-000001.log")).isEmpty());
        assertTrue(dotted.parse(dir.resolve("a.bbc-20250131T123456Z-000001.log")).isEmpty());
    }

    private RotatedFile.Kind kind(String name) {
        return names.parse(dir.resolve(name)).orElseThrow().kind();
    }
}
