package dev.tideflow.log.encode;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoTimestampWriterTest {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void matchesJavaTimeAcrossCenturiesLeapDaysAndDayBoundaries() {
        IsoTimestampWriter writer = new IsoTimestampWriter();
        Random random = new Random(7);
        long[] fixed = {
            0L, -1L, 951_782_400_000L, 951_868_799_999L, 4_107_542_399_999L, 1_709_164_800_000L,
            Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
            Instant.parse("2100-03-01T00:00:00.000Z").toEpochMilli()
        };
        for (long millis : fixed) {
            assertEquals(ISO.format(Instant.ofEpochMilli(millis)), write(writer, millis));
        }
        long millis = Instant.parse("1999-12-31T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 5000; i++) {
            millis += random.nextInt(3_600_000 * 30);
            assertEquals(ISO.format(Instant.ofEpochMilli(millis)), write(writer, millis));
        }
    }

    @Test
    void theCachedMillisecondIsReusedOnlyForTheSameMillisecond() {
        IsoTimestampWriter writer = new IsoTimestampWriter();
        long base = Instant.parse("2026-11-23T23:59:59.998Z").toEpochMilli();
        long[] sequence = {base, base, base + 1, base + 1, base + 2, base + 2, base + 1, base + 1_000, base - 86_400_000L};
        for (long millis : sequence) {
            assertEquals(ISO.format(Instant.ofEpochMilli(millis)), write(writer, millis));
        }
    }

    private static String write(IsoTimestampWriter writer, long millis) {
        ByteOutput out = new ByteOutput(32);
        writer.write(millis, out);
        ByteBuffer b = out.asByteBuffer();
        assertEquals(IsoTimestampWriter.LENGTH, b.remaining());
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
