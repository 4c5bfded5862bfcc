package dev.tideflow.log.encode;

import dev.tideflow.log.Level;
import dev.tideflow.log.record.FieldVisitor;
import dev.tideflow.log.record.RecordSlot;

import java.nio.charset.StandardCharsets;

/**
 * One JSON object per line:
 * {@code {"ts":"…","level":"INFO","logger":"…","thread":"…","msg":"…",<fields>,"error":{…}}}. Field keys and
 * values come after the fixed keys in the order they were added; doubles that are not finite are written as strings,
 * since JSON has no literal for them.
 */
public final class JsonLinesEncoder implements LogEncoder, FieldVisitor {

    private static final byte[][] LEVELS = levelNames();
    private static final byte[] TS = ascii("{\"ts\":\"");
    private static final byte[] LEVEL = ascii("\",\"level\":\"");
    private static final byte[] LOGGER = ascii("\",\"logger\":\"");
    private static final byte[] THREAD = ascii("\",\"thread\":\"");
    private static final byte[] MSG = ascii("\",\"msg\":\"");
    private static final byte[] TRUNCATED = ascii(",\"truncated\":true");
    private static final byte[] ERROR_TYPE = ascii(",\"error\":{\"type\":\"");
    private static final byte[] ERROR_MESSAGE = ascii("\",\"message\":\"");
    private static final byte[] ERROR_STACK = ascii("\",\"stack\":\"");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    private final IsoTimestampWriter timestamps = new IsoTimestampWriter();
    private final StackTraceRenderer stackTraces = new StackTraceRenderer();
    private final EncodedNameCache names = EncodedNameCache.jsonEscaped();
    private ByteOutput out;

    @Override
    public void encode(RecordSlot r, ByteOutput out) {
        if (this.out != out) {
            // The consumer's buffer is the same every time: no reference store (and write barrier) per record.
            this.out = out;
        }
        out.writeBytes(TS);
        timestamps.write(r.epochMillis(), out);
        out.writeBytes(LEVEL);
        out.writeBytes(LEVELS[r.level()]);
        if (r.loggerName() != null) {
            out.writeBytes(LOGGER);
            names.write(r.loggerName(), out);
        }
        out.writeBytes(THREAD);
        names.write(r.threadName(), out);
        out.writeBytes(MSG);
        out.writeJsonEscaped(r.chars(), r.messageOffset(), r.messageLength());
        out.writeByte('"');
        r.visitFields(this);
        if (r.isTruncated()) {
            out.writeBytes(TRUNCATED);
        }
        Throwable t = r.thrown();
        if (t != null) {
            out.writeBytes(ERROR_TYPE);
            out.writeJsonEscaped(t.getClass().getName());
            String message = t.getMessage();
            if (message != null) {
                out.writeBytes(ERROR_MESSAGE);
                out.writeJsonEscaped(message);
            }
            out.writeBytes(ERROR_STACK);
            out.writeJsonEscaped(stackTraces.render(t));
            out.writeByte('"');
            out.writeByte('}');
        }
        out.writeByte('}');
        out.writeByte('\n');
    }

    @Override
    public void onString(char[] chars, int keyOffset, int keyLength, int valueOffset, int valueLength) {
        key(chars, keyOffset, keyLength);
        out.writeByte('"');
        out.writeJsonEscaped(chars, valueOffset, valueLength);
        out.writeByte('"');
    }

    @Override
    public void onLong(char[] chars, int keyOffset, int keyLength, long value) {
        key(chars, keyOffset, keyLength);
        out.writeLong(value);
    }

    @Override
    public void onDouble(char[] chars, int keyOffset, int keyLength, double value) {
        key(chars, keyOffset, keyLength);
        if (Double.isFinite(value)) {
            out.writeAscii(Double.toString(value));
        } else {
            out.writeByte('"');
            out.writeAscii(Double.toString(value));
            out.writeByte('"');
        }
    }

    @Override
    public void onBoolean(char[] chars, int keyOffset, int keyLength, boolean value) {
        key(chars, keyOffset, keyLength);
        out.writeBytes(value ? TRUE : FALSE);
    }

    private void key(char[] chars, int offset, int length) {
        out.writeByte(',');
        out.writeByte('"');
        out.writeJsonEscaped(chars, offset, length);
        out.writeByte('"');
        out.writeByte(':');
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[][] levelNames() {
        Level[] levels = Level.values();
        byte[][] names = new byte[levels.length][];
        for (Level level : levels) {
            names[level.ordinal()] = ascii(level.name());
        }
        return names;
    }
}
