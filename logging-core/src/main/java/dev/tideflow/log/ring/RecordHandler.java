package dev.tideflow.log.ring;

import dev.tideflow.log.record.RecordSlot;

/** The consumer's view of a drained record; the slot may be reused as soon as the call returns. */
@FunctionalInterface
public interface RecordHandler {

    void onRecord(RecordSlot slot);
}
