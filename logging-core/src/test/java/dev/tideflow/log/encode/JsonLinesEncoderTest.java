package dev.tideflow.log.encode;

import dev.tideflow.log.record.RecordSlot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonLinesEncoderTest {

    private final JsonLinesEncoder encoder = new JsonLinesEncoder();

    @Test
    void writesOneObjectPerLineWithTypedFields() {
        String line = EncoderTestRecords.encode(encoder,
                EncoderTestRecords.record(2, "dev.tideflow.Policy", "scaled \"up\"\n"));
        assertEquals("{\"ts\":\"2025-01-01T00:00:00.123Z\",\"level\":\"INFO\",\"logger\":\"dev.tideflow.Policy\","
                + "\"thread\":\"worker-1\",\"msg\":\"scaled \\\"up\\\"\\n\",\"target\":\"ns/\\\"web\\\"\","
                + "\"replicas\":3,\"cpu\":0.5,\"dry\":false}\n", line);
    }

    @Test
    void rendersTheThrowableAsANestedObjectOnTheSameLine() {
        RecordSlot slot = EncoderTestRecords.record(4, null, "failed");
        slot.thrown(new IllegalStateException("bad \"state\""));
        String line = EncoderTestRecords.encode(encoder, slot);
        assertTrue(line.endsWith("}}\n"), line);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line: " + line);
        assertTrue(line.contains("\"error\":{\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":\"bad \\\"state\\\"\",\"stack\":\"java.lang.IllegalStateException: bad"), line);
        assertTrue(line.contains("\\n\\tat dev.tideflow.log.encode.JsonLinesEncoderTest"), line);
    }

    @Test
    void marksTruncatedRecordsAndQuotesNonFiniteDoubles() {
        RecordSlot slot = new RecordSlot(16, 32);
        slot.begin(0, 0, null, Thread.currentThread());
        slot.addDouble("nan", Double.NaN);
        slot.message("x".repeat(100));
        String line = EncoderTestRecords.encode(encoder, slot);
        assertTrue(line.contains("\"nan\":\"NaN\""), line);
        assertTrue(line.contains("\"truncated\":true"), line);
    }
}
