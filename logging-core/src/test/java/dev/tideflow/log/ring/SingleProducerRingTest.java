package dev.tideflow.log.ring;

import dev.tideflow.log.record.RecordSlot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SingleProducerRingTest {

    private final SingleProducerRing ring = new SingleProducerRing(4, 16, 64);

    @Test
    void deliversInOrderAndRefusesWhenFullWithoutLosingAnything() {
        for (int i = 0; i < 4; i++) {
            write(i);
        }
        assertEquals(-1, ring.tryClaim(), "a full ring refuses the claim");
        assertEquals(4, ring.pending());

        List<String> got = new ArrayList<>();
        assertEquals(2, ring.drain(slot -> got.add(message(slot)), 2));
        assertTrue(ring.isConsumed(1));
        assertFalse(ring.isConsumed(2));
        write(4);
        write(5);
        assertEquals(4, ring.drain(slot -> got.add(message(slot)), 100));
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), got);
        assertTrue(ring.isDrained());
    }

    @Test
    void anUnpublishedClaimIsInvisibleAndSimplyReused() {
        long seq = ring.tryClaim();
        ring.slot(seq).begin(0, 0, null, Thread.currentThread());
        assertEquals(0, ring.drain(slot -> { }, 10));
        assertEquals(seq, ring.tryClaim(), "nothing was reserved, so the same sequence comes back");
    }

    @Test
    void leaseIsExclusiveAndOnlyTheOwnerGivesItBack() {
        Object a = new Object();
        Object b = new Object();
        assertTrue(ring.tryAcquire(a));
        assertTrue(ring.tryAcquire(a), "re-acquiring your own lease is fine");
        assertFalse(ring.tryAcquire(b));
        ring.release(b);
        assertTrue(ring.isOwnedBy(a), "a non-owner cannot release");
        ring.reclaimFromDeadOwner(b);
        assertTrue(ring.isOwnedBy(a), "reclaiming only works for the recorded owner");
        ring.release(a);
        assertNull(ring.owner());
        assertTrue(ring.tryAcquire(b));
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SingleProducerRing(6, 16, 64));
    }

    private void write(int i) {
        long seq = ring.tryClaim();
        RecordSlot slot = ring.slot(seq);
        slot.begin(0, 0, null, Thread.currentThread());
        slot.message(Integer.toString(i));
        ring.publish(seq);
    }

    static String message(RecordSlot slot) {
        return new String(slot.chars(), slot.messageOffset(), slot.messageLength());
    }
}
