package dev.tideflow.log.record;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordSlotTest {

    @Test
    void fieldsAndMessageRoundTripInOrder() {
        RecordSlot slot = new RecordSlot(64, 4096);
        slot.begin(1234L, 2, "scaler", Thread.currentThread());
        slot.addString("target", "ns/web");
        slot.addLong("replicas", -3);
        slot.addDouble("cpu", 0.75);
        slot.addBoolean("dry", true);
        slot.addString("empty", "");
        slot.addString("none", null);
        slot.message(new StringBuilder("scaled \u00e9\u4e2d"));

        assertTrue(slot.isValid());
        assertEquals("scaled \u00e9\u4e2d", message(slot));
        assertEquals(List.of("target=ns/web", "replicas=-3", "cpu=0.75", "dry=true", "empty=", "none=null"),
                fields(slot));
        assertEquals(1234L, slot.epochMillis());
        assertEquals("scaler", slot.loggerName());
        assertEquals(Thread.currentThread().getName(), slot.threadName());
    }

    @Test
    void copyFromHandsOverEverythingAndBorrowsAnArrayForOversizedRecords() {
        RecordSlot staging = new RecordSlot(16, 10_000);
        staging.begin(5L, 4, "x", Thread.currentThread());
        staging.addLong("n", Long.MIN_VALUE);
        String longMessage = "m".repeat(500);
        staging.message(longMessage);
        RuntimeException error = new RuntimeException("boom");
        staging.thrown(error);

        RecordSlot ringSlot = new RecordSlot(32, 10_000);
        char[] base = ringSlot.chars();
        ringSlot.copyFrom(staging);
        assertEquals(longMessage, message(ringSlot));
        assertEquals(List.of("n=" + Long.MIN_VALUE), fields(ringSlot));
        assertSame(error, ringSlot.thrown());

        ringSlot.release();
        assertSame(base, ringSlot.chars(), "release gives the borrowed array back");
        assertNull(ringSlot.thrown(), "release drops the throwable reference");
    }

    @Test
    void truncatesAtTheCapAndSaysSo() {
        RecordSlot slot = new RecordSlot(16, 40);
        slot.begin(0, 0, null, Thread.currentThread());
        slot.addString("k", "v".repeat(100));
        slot.addLong("dropped", 1);
        slot.message("tail");
        assertTrue(slot.isTruncated());
        assertEquals(40, slot.messageOffset() + slot.messageLength());
        List<String> f = fields(slot);
        assertEquals(1, f.size());
        assertTrue(f.get(0).startsWith("k=vvv"));
    }

    @Test
    void aBegunButUnfinishedRecordIsInvalid() {
        RecordSlot slot = new RecordSlot(16, 64);
        slot.begin(0, 0, null, Thread.currentThread());
        slot.addLong("n", 1);
        assertFalse(slot.isValid());
        slot.message("done");
        slot.invalidate();
        assertFalse(slot.isValid());
    }

    private static String message(RecordSlot slot) {
        return new String(slot.chars(), slot.messageOffset(), slot.messageLength());
    }

    static List<String> fields(RecordSlot slot) {
        List<String> out = new ArrayList<>();
        slot.visitFields(new FieldVisitor() {
            @Override
            public void onString(char[] c, int ko, int kl, int vo, int vl) {
                out.add(new String(c, ko, kl) + "=" + new String(c, vo, vl));
            }

            @Override
            public void onLong(char[] c, int ko, int kl, long v) {
                out.add(new String(c, ko, kl) + "=" + v);
            }

            @Override
            public void onDouble(char[] c, int ko, int kl, double v) {
                out.add(new String(c, ko, kl) + "=" + v);
            }

            @Override
            public void onBoolean(char[] c, int ko, int kl, boolean v) {
                out.add(new String(c, ko, kl) + "=" + v);
            }
        });
        return out;
    }
}
