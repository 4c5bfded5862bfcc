package dev.tideflow.log.ring;

import dev.tideflow.log.record.RecordSlot;

/**
 * A bounded ring of pre-allocated {@link RecordSlot}s with one consumer. Sequences count records from zero;
 * {@code consumed} is the number the consumer has finished with, so a slot for sequence {@code s} may be reused once
 * {@code consumed > s - capacity}.
 */
public abstract sealed class Ring permits SingleProducerRing, MpscRing {

    protected final RecordSlot[] slots;
    protected final int mask;
    protected final int capacity;
    /** Written only by the consumer, with release after it finished reading the slots; producers acquire it. */
    protected final Sequence consumed = new Sequence(0);

    protected Ring(int capacity, int slotChars, int maxRecordChars) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two >= 2, got " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slots = new RecordSlot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new RecordSlot(slotChars, maxRecordChars);
        }
    }

    public final int capacity() {
        return capacity;
    }

    public final RecordSlot slot(long sequence) {
        return slots[(int) sequence & mask];
    }

    /** True once the consumer has handed the record at {@code sequence} to its handler and moved past it. */
    public final boolean isConsumed(long sequence) {
        return consumed.getAcquire() > sequence;
    }

    /** Records published or claimed but not yet consumed; a racy estimate for stats. */
    public abstract long pending();

    /** Consumer only: hands up to {@code limit} records to {@code handler} in sequence order; returns how many. */
    public abstract int drain(RecordHandler handler, int limit);

    /** Consumer only: true when every claimed record has been consumed. */
    public abstract boolean isDrained();
}
