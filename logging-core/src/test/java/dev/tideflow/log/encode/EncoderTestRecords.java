package dev.tideflow.log.encode;

import dev.tideflow.log.record.RecordSlot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

final class EncoderTestRecords {

    static final long MILLIS = 1_735_689_600_123L;

    private EncoderTestRecords() {
    }

    static RecordSlot record(int level, String logger, String message) {
        RecordSlot slot = new RecordSlot(64, 4096);
        Thread t = new Thread(() -> { }, "worker-1");
        slot.begin(MILLIS, level, logger, t);
        slot.addString("target", "ns/\"web\"");
        slot.addLong("replicas", 3);
        slot.addDouble("cpu", 0.5);
        slot.addBoolean("dry", false);
        slot.message(message);
        return slot;
    }

    static String encode(LogEncoder encoder, RecordSlot slot) {
        ByteOutput out = new ByteOutput(64);
        encoder.encode(slot, out);
        ByteBuffer b = out.asByteBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
