package dev.tideflow.log.ring;

import dev.tideflow.log.record.RecordSlot;

/**
 * A ring for any number of producers: a slot is claimed by CAS on {@code claimed} and published through a flag in
 * the slot itself (JCTools/Disruptor style), so the consumer never reads a half-written slot and never depends on
 * the claim order matching the publish order.
 *
 * <p>Claiming is all or nothing: a producer only CASes when a slot is free, so a full ring or a lost race never
 * reserves a sequence. Every successful claim is published, in a {@code finally} by the caller, as a record or as
 * an invalid hole the consumer skips, so no claim can leave a gap that stalls the consumer.
 */
public final class MpscRing extends Ring {

    public static final long FULL = -1;
    public static final long LOST_RACE = -2;

    /** Next sequence to hand out; CASed by producers. */
    private final Sequence claimed = new Sequence(0);
    /** Producers' shared cache of {@code consumed + capacity}, refreshed only when a claim reaches it. */
    private final Sequence producerLimit;

    public MpscRing(int capacity, int slotChars, int maxRecordChars) {
        super(capacity, slotChars, maxRecordChars);
        this.producerLimit = new Sequence(capacity);
    }

    /** One claim attempt: a sequence, {@link #FULL} or {@link #LOST_RACE}. Never leaves a reservation behind. */
    public long tryClaim() {
        long seq = claimed.getVolatile();
        if (seq >= producerLimit.getAcquire()) {
            long limit = consumed.getAcquire() + capacity;
            if (seq >= limit) {
                return FULL;
            }
            producerLimit.setRelease(limit);
        }
        return claimed.compareAndSet(seq, seq + 1) ? seq : LOST_RACE;
    }

    /** Releases the slot for {@code seq}; every claimed sequence must be published exactly once. */
    public void publish(long seq) {
        slots[(int) seq & mask].publishRelease(seq);
    }

    @Override
    public long pending() {
        return Math.max(0, claimed.getAcquire() - consumed.getAcquire());
    }

    @Override
    public int drain(RecordHandler handler, int limit) {
        long from = consumed.getPlain();
        long s = from;
        long end = from + limit;
        while (s < end) {
            RecordSlot slot = slots[(int) s & mask];
            if (!slot.isPublished(s)) {
                break;
            }
            if (slot.isValid()) {
                handler.onRecord(slot);
            }
            slot.release();
            s++;
        }
        if (s > from) {
            consumed.setRelease(s);
        }
        return (int) (s - from);
    }

    @Override
    public boolean isDrained() {
        return claimed.getVolatile() == consumed.getPlain();
    }
}
