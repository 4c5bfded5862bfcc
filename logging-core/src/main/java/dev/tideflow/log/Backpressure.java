package dev.tideflow.log;

/** What a producer does when it cannot get a slot. */
public enum Backpressure {
    /**
     * Wait (spin, yield, park) until the consumer frees a slot; never drops. Also waits at a ring switch until the
     * consumer has taken the thread's last record from the old ring. The default.
     */
    BLOCK,
    /**
     * Retry lost claim races, but drop the record (and count it) when the ring is full. Never waits for the
     * consumer: at a ring switch it keeps writing to the old ring until its last record there is consumed.
     */
    DROP_NEWEST,
    /**
     * One claim attempt: a full ring or a lost race drops the record (counted), so the call is wait-free. A failed
     * attempt never reserves a slot, so it cannot leave a gap that stalls the consumer.
     */
    NON_BLOCKING
}
