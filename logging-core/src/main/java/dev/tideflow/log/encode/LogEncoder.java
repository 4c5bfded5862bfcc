package dev.tideflow.log.encode;

import dev.tideflow.log.record.RecordSlot;

/**
 * Turns one record into bytes appended to the batch. Called only on the consumer thread, so implementations keep
 * reusable state instead of allocating per record.
 */
public interface LogEncoder {

    void encode(RecordSlot record, ByteOutput out);
}
