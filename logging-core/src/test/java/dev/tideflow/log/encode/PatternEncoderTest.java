package dev.tideflow.log.encode;

import dev.tideflow.log.record.RecordSlot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternEncoderTest {

    @Test
    void defaultPatternRendersEveryPart() {
        String line = EncoderTestRecords.encode(new PatternEncoder(PatternEncoder.DEFAULT_PATTERN),
                EncoderTestRecords.record(3, "policy", "scaled"));
        assertEquals("2025-01-01T00:00:00.123Z WARN  [worker-1] policy - scaled target=ns/\"web\" replicas=3"
                + " cpu=0.5 dry=false\n", line);
    }

    @Test
    void padsLeftAndRightAndEscapesPercent() {
        String line = EncoderTestRecords.encode(new PatternEncoder("[%6p][%-6p] 100%% %m%n"),
                EncoderTestRecords.record(2, null, "ok"));
        assertEquals("[  INFO][INFO  ] 100% ok\n", line);
    }

    @Test
    void literalsFoldedIntoTheirPiecesComeOutInPlaceEvenWithoutALoggerName() {
        PatternEncoder encoder = new PatternEncoder("%d | %-5p| %t] %c - %-8t|%c%m%n");
        String withLogger = EncoderTestRecords.encode(encoder, EncoderTestRecords.record(2, "policy", "a"));
        String without = EncoderTestRecords.encode(encoder, EncoderTestRecords.record(2, null, "b"));
        // The same encoder again: the cached pieces carry their literal once, not once per use.
        String again = EncoderTestRecords.encode(encoder, EncoderTestRecords.record(2, "policy", "c"));

        assertEquals("2025-01-01T00:00:00.123Z | INFO | worker-1] policy - worker-1|policya\n", withLogger);
        assertEquals("2025-01-01T00:00:00.123Z | INFO | worker-1]  - worker-1|b\n", without);
        assertEquals("2025-01-01T00:00:00.123Z | INFO | worker-1] policy - worker-1|policyc\n", again);
    }

    @Test
    void appendsTheStackTraceAfterTheLine() {
        RecordSlot slot = EncoderTestRecords.record(4, "x", "failed");
        slot.thrown(new RuntimeException("boom"));
        String text = EncoderTestRecords.encode(new PatternEncoder("%p %m%n%ex"), slot);
        assertTrue(text.startsWith("ERROR failed\njava.lang.RuntimeException: boom\n\tat "), text);
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void rejectsUnknownConversionsUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new PatternEncoder("%d %q"));
        assertThrows(IllegalArgumentException.class, () -> new PatternEncoder("trailing %"));
    }
}
