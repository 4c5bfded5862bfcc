package dev.tideflow.log.ring;

import dev.tideflow.log.record.RecordSlot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MpscRingTest {

    @Test
    void fullRingRefusesWithoutReservingASequence() {
        MpscRing ring = new MpscRing(2, 16, 64);
        publish(ring, ring.tryClaim(), "a");
        publish(ring, ring.tryClaim(), "b");
        assertEquals(MpscRing.FULL, ring.tryClaim());
        assertEquals(MpscRing.FULL, ring.tryClaim());
        List<String> got = new ArrayList<>();
        ring.drain(slot -> got.add(SingleProducerRingTest.message(slot)), 10);
        assertTrue(ring.isDrained(), "refused claims left no reservation behind");
        publish(ring, ring.tryClaim(), "c");
        ring.drain(slot -> got.add(SingleProducerRingTest.message(slot)), 10);
        assertEquals(List.of("a", "b", "c"), got);
    }

    @Test
    void anInvalidatedSlotIsSkippedNotWaitedOn() {
        MpscRing ring = new MpscRing(4, 16, 64);
        long first = ring.tryClaim();
        long second = ring.tryClaim();
        RecordSlot hole = ring.slot(first);
        hole.begin(0, 0, null, Thread.currentThread());
        hole.invalidate();
        ring.publish(first);
        publish(ring, second, "after the hole");
        List<String> got = new ArrayList<>();
        assertEquals(2, ring.drain(slot -> got.add(SingleProducerRingTest.message(slot)), 10));
        assertEquals(List.of("after the hole"), got);
        assertTrue(ring.isDrained());
    }

    @Test
    void consumerStopsAtAClaimedButUnpublishedSlotAndResumesOnceItIsPublished() {
        MpscRing ring = new MpscRing(4, 16, 64);
        long slow = ring.tryClaim();
        publish(ring, ring.tryClaim(), "fast");
        List<String> got = new ArrayList<>();
        assertEquals(0, ring.drain(slot -> got.add(SingleProducerRingTest.message(slot)), 10));
        publish(ring, slow, "slow");
        assertEquals(2, ring.drain(slot -> got.add(SingleProducerRingTest.message(slot)), 10));
        assertEquals(List.of("slow", "fast"), got);
    }

    @Test
    void manyProducersDeliverEveryRecordOnceAndInPerThreadOrder() throws Exception {
        MpscRing ring = new MpscRing(64, 16, 64);
        int threads = 4;
        int perThread = 20_000;
        AtomicLong lostRaces = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    long seq;
                    while ((seq = ring.tryClaim()) < 0) {
                        if (seq == MpscRing.LOST_RACE) {
                            lostRaces.incrementAndGet();
                        }
                        Thread.onSpinWait();
                    }
                    publish(ring, seq, id + ":" + i);
                }
            });
            th.start();
            producers.add(th);
        }
        int[] next = new int[threads];
        long[] total = new long[1];
        start.countDown();
        while (total[0] < (long) threads * perThread) {
            ring.drain(slot -> {
                String[] parts = SingleProducerRingTest.message(slot).split(":");
                int t = Integer.parseInt(parts[0]);
                assertEquals(next[t]++, Integer.parseInt(parts[1]), "thread " + t + " out of order");
                total[0]++;
            }, 32);
        }
        for (Thread th : producers) {
            th.join();
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t]);
        }
        assertTrue(ring.isDrained());
    }

    private static void publish(MpscRing ring, long seq, String message) {
        RecordSlot slot = ring.slot(seq);
        slot.begin(0, 0, null, Thread.currentThread());
        slot.message(message);
        ring.publish(seq);
    }
}
