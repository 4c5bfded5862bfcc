package dev.tideflow.log.ring;

import dev.tideflow.log.record.RecordSlot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A ring for exactly one producing thread at a time: claiming is a plain read of a field only the owner writes,
 * publishing a single release store. No CAS on the hot path.
 *
 * <p>Ownership is a lease taken by CAS on a slow path ({@link #tryAcquire}) and given back only by the owner itself
 * ({@link #release}) or, for an owner thread that has died, by the consumer ({@link #reclaimFromDeadOwner}). Nobody
 * revokes a live owner: without a fence on the owner's hot path there is no way to know it is not half-way through
 * a write, so a live but idle owner keeps its ring and the scaler activates another one instead.
 */
public final class SingleProducerRing extends Ring {

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(SingleProducerRing.class, "owner", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Released by the owner after the slot is filled; acquired by the consumer before reading the slot. */
    private final Sequence published = new Sequence(0);
    /** Owner-only state; handed to the next owner through the release/CAS pair on {@code owner}. */
    private long next;
    private long limit;
    @SuppressWarnings("unused")
    private volatile Object owner;

    public SingleProducerRing(int capacity, int slotChars, int maxRecordChars) {
        super(capacity, slotChars, maxRecordChars);
        this.limit = capacity;
    }

    public boolean isOwnedBy(Object who) {
        return OWNER.getAcquire(this) == who;
    }

    public Object owner() {
        return OWNER.getAcquire(this);
    }

    /** Slow path: the CAS acquires the previous owner's {@code next}/{@code limit}. */
    public boolean tryAcquire(Object who) {
        return OWNER.getAcquire(this) == who || OWNER.compareAndSet(this, null, who);
    }

    /** Owner only: gives the ring back; the release store publishes {@code next} to the next owner. */
    public void release(Object who) {
        if (OWNER.getAcquire(this) == who) {
            OWNER.setRelease(this, null);
        }
    }

    /**
     * Consumer only, after {@code Thread.isAlive()} returned false for the owner: a dead thread's writes
     * happen-before that observation, so it cannot be mid-write.
     */
    public void reclaimFromDeadOwner(Object deadOwner) {
        OWNER.compareAndSet(this, deadOwner, null);
    }

    /** Owner only: the next sequence if a slot is free, else -1. */
    public long tryClaim() {
        long seq = next;
        if (seq >= limit) {
            limit = consumed.getAcquire() + capacity;
            if (seq >= limit) {
                return -1;
            }
        }
        return seq;
    }

    /** Owner only: makes the record at {@code seq} (the value {@link #tryClaim} returned) visible to the consumer. */
    public void publish(long seq) {
        next = seq + 1;
        published.setRelease(seq + 1);
    }

    @Override
    public long pending() {
        return Math.max(0, published.getAcquire() - consumed.getAcquire());
    }

    @Override
    public int drain(RecordHandler handler, int limit) {
        long from = consumed.getPlain();
        long available = published.getAcquire();
        long to = Math.min(available, from + limit);
        for (long s = from; s < to; s++) {
            RecordSlot slot = slots[(int) s & mask];
            if (slot.isValid()) {
                handler.onRecord(slot);
            }
            slot.release();
        }
        if (to > from) {
            consumed.setRelease(to);
        }
        return (int) (to - from);
    }

    @Override
    public boolean isDrained() {
        return published.getAcquire() == consumed.getPlain();
    }
}
