package dev.tideflow.log.record;

/**
 * Receives the structured fields of a {@link RecordSlot} in the order they were added. Keys and string values are
 * handed over as ranges of the slot's char array, so a visitor reads them without creating strings.
 */
public interface FieldVisitor {

    void onString(char[] chars, int keyOffset, int keyLength, int valueOffset, int valueLength);

    void onLong(char[] chars, int keyOffset, int keyLength, long value);

    void onDouble(char[] chars, int keyOffset, int keyLength, double value);

    void onBoolean(char[] chars, int keyOffset, int keyLength, boolean value);
}
