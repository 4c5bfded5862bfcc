package dev.tideflow.log.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@code long} counter alone on its cache line, so the producer's and the consumer's counters never share one.
 * Padding is inherited (superclass fields are laid out first), the way the Disruptor's {@code Sequence} does it.
 */
public final class Sequence extends SequenceRightPadding {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SequenceValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public Sequence(long initial) {
        VALUE.setRelease(this, initial);
    }

    public long getPlain() {
        return (long) VALUE.get(this);
    }

    public long getAcquire() {
        return (long) VALUE.getAcquire(this);
    }

    public long getVolatile() {
        return (long) VALUE.getVolatile(this);
    }

    public void setRelease(long v) {
        VALUE.setRelease(this, v);
    }

    public boolean compareAndSet(long expected, long v) {
        return VALUE.compareAndSet(this, expected, v);
    }

    @Override
    public String toString() {
        return Long.toString(getAcquire());
    }
}

abstract class SequenceLeftPadding {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}

abstract class SequenceValue extends SequenceLeftPadding {
    long value;
}

abstract class SequenceRightPadding extends SequenceValue {
    long p11, p12, p13, p14, p15, p16, p17, p18;
}
