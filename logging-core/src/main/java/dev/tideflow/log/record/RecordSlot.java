package dev.tideflow.log.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pre-allocated record: scalar metadata plus a char array holding the structured fields followed by the message.
 *
 * <p>Layout of {@code chars}: fields occupy {@code [0, fieldsEnd)}, the message {@code [fieldsEnd, length)}. A field
 * is {@code tag, keyLength, key..., value} where a string value is {@code length, chars...}, a long or double value
 * four chars of its 64 bits, and a boolean one char. Chars are copied from the caller's {@code CharSequence} so the
 * slot owns its content; only immutable, long-lived references (logger name, thread name, the throwable) are kept by
 * reference.
 *
 * <p>The same class is the producer's staging area (it grows up to {@code maxChars}) and a ring slot (fixed
 * {@code base} array; a larger record borrows a one-off array that {@link #release()} gives back to the collector).
 *
 * <p><b>Write barriers.</b> Slots live as long as the logger, so in a running service they are in the old
 * generation, and there every reference store pays the collector's write barrier: with G1 on JDK 17 a StoreLoad
 * fence, and a card enqueued for the refinement threads whenever the card was clean. Storing the logger and thread
 * name on every record made filling a slot cost 45-54 ns with promoted slots against 9-11 ns with young ones
 * ({@code RecordSlotFillBenchmark} in {@code benchmarks/}). The same logger, thread and a null throwable are the
 * common case, so the references are compared first and stored only when they change: 7 ns either way.
 */
public final class RecordSlot {

    private static final char TAG_STRING = 's';
    private static final char TAG_LONG = 'l';
    private static final char TAG_DOUBLE = 'd';
    private static final char TAG_BOOLEAN = 'b';
    private static final int MAX_PIECE = Character.MAX_VALUE;

    private static final VarHandle PUBLISHED;

    static {
        try {
            PUBLISHED = MethodHandles.lookup().findVarHandle(RecordSlot.class, "published", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final char[] base;
    private final int maxChars;
    private char[] chars;
    private int fieldsEnd;
    private int length;
    private boolean truncated;
    private boolean valid;
    private long epochMillis;
    private int level;
    private String loggerName;
    private String threadName;
    private long threadId;
    private Throwable thrown;

    /** MPSC publication flag: sequence + 1 of the record this slot currently holds; written last, with release. */
    @SuppressWarnings("unused")
    private volatile long published;

    public RecordSlot(int initialChars, int maxChars) {
        if (initialChars < 16 || maxChars < initialChars) {
            throw new IllegalArgumentException("need 16 <= initialChars <= maxChars, got " + initialChars + ", "
                    + maxChars);
        }
        this.base = new char[initialChars];
        this.chars = base;
        this.maxChars = maxChars;
    }

    public void begin(long epochMillis, int level, String loggerName, Thread thread) {
        this.epochMillis = epochMillis;
        this.level = level;
        // References are stored only when they change (see "Write barriers" in the class comment).
        if (this.loggerName != loggerName) {
            this.loggerName = loggerName;
        }
        String name = thread.getName();
        if (this.threadName != name) {
            this.threadName = name;
        }
        this.threadId = thread.getId();
        if (this.thrown != null) {
            this.thrown = null;
        }
        this.fieldsEnd = 0;
        this.length = 0;
        this.truncated = false;
        this.valid = false;
    }

    public void loggerName(String name) {
        this.loggerName = name;
    }

    public void thrown(Throwable t) {
        if (this.thrown != t) {
            this.thrown = t;
        }
    }

    public void addString(String key, CharSequence value) {
        int valueLength = value == null ? 4 : Math.min(value.length(), MAX_PIECE);
        if (!putKey(TAG_STRING, key, 1 + valueLength)) {
            return;
        }
        int room = Math.min(valueLength, chars.length - length - 1);
        if (room < valueLength) {
            truncated = true;
        }
        chars[length++] = (char) room;
        if (value == null) {
            "null".getChars(0, room, chars, length);
        } else {
            copy(value, room, chars, length);
        }
        length += room;
        fieldsEnd = length;
    }

    public void addLong(String key, long value) {
        if (putKey(TAG_LONG, key, 4)) {
            putBits(value);
        }
    }

    public void addDouble(String key, double value) {
        if (putKey(TAG_DOUBLE, key, 4)) {
            putBits(Double.doubleToRawLongBits(value));
        }
    }

    public void addBoolean(String key, boolean value) {
        if (putKey(TAG_BOOLEAN, key, 1)) {
            chars[length++] = value ? '1' : '0';
            fieldsEnd = length;
        }
    }

    /** Appends the message after the fields and marks the record complete. */
    public void message(CharSequence message) {
        CharSequence m = message == null ? "null" : message;
        int n = m.length();
        ensure(length + n);
        int room = Math.min(n, chars.length - length);
        if (room < n) {
            truncated = true;
        }
        copy(m, room, chars, length);
        length += room;
        valid = true;
    }

    /** Copies a complete staged record into this (ring) slot. */
    public void copyFrom(RecordSlot src) {
        epochMillis = src.epochMillis;
        level = src.level;
        if (loggerName != src.loggerName) {
            loggerName = src.loggerName;
        }
        if (threadName != src.threadName) {
            threadName = src.threadName;
        }
        threadId = src.threadId;
        if (thrown != src.thrown) {
            thrown = src.thrown;
        }
        truncated = src.truncated;
        fieldsEnd = src.fieldsEnd;
        int n = src.length;
        if (n > chars.length) {
            // Rare oversized record: borrow an exact-size array instead of truncating; release() drops it.
            chars = new char[n];
        }
        System.arraycopy(src.chars, 0, chars, 0, n);
        length = n;
        valid = src.valid;
    }

    /** Marks the slot as a hole the consumer skips: used when filling it failed after the claim. */
    public void invalidate() {
        valid = false;
    }

    /** Drops references so a consumed slot does not keep a throwable or an oversized array alive. */
    public void release() {
        // Store only when there is something to drop: the consumer writing to every slot would pull each slot's
        // line into its cache as modified, and the producer would pay for it when it next fills the slot.
        if (thrown != null) {
            thrown = null;
        }
        if (chars != base) {
            chars = base;
        }
    }

    public void publishRelease(long sequence) {
        PUBLISHED.setRelease(this, sequence + 1);
    }

    public boolean isPublished(long sequence) {
        return (long) PUBLISHED.getAcquire(this) == sequence + 1;
    }

    public boolean isValid() {
        return valid;
    }

    public boolean isTruncated() {
        return truncated;
    }

    public long epochMillis() {
        return epochMillis;
    }

    public int level() {
        return level;
    }

    public String loggerName() {
        return loggerName;
    }

    public String threadName() {
        return threadName;
    }

    public long threadId() {
        return threadId;
    }

    public Throwable thrown() {
        return thrown;
    }

    public char[] chars() {
        return chars;
    }

    public int messageOffset() {
        return fieldsEnd;
    }

    public int messageLength() {
        return length - fieldsEnd;
    }

    public boolean hasFields() {
        return fieldsEnd > 0;
    }

    public void visitFields(FieldVisitor visitor) {
        char[] c = chars;
        int pos = 0;
        while (pos < fieldsEnd) {
            char tag = c[pos];
            int keyLength = c[pos + 1];
            int keyOffset = pos + 2;
            pos = keyOffset + keyLength;
            switch (tag) {
                case TAG_STRING -> {
                    int valueLength = c[pos];
                    visitor.onString(c, keyOffset, keyLength, pos + 1, valueLength);
                    pos += 1 + valueLength;
                }
                case TAG_LONG -> {
                    visitor.onLong(c, keyOffset, keyLength, bits(c, pos));
                    pos += 4;
                }
                case TAG_DOUBLE -> {
                    visitor.onDouble(c, keyOffset, keyLength, Double.longBitsToDouble(bits(c, pos)));
                    pos += 4;
                }
                case TAG_BOOLEAN -> {
                    visitor.onBoolean(c, keyOffset, keyLength, c[pos] == '1');
                    pos += 1;
                }
                default -> throw new IllegalStateException("corrupt field tag " + (int) tag + " at " + pos);
            }
        }
    }

    private boolean putKey(char tag, String key, int valueChars) {
        int keyLength = Math.min(key.length(), MAX_PIECE);
        int need = 2 + keyLength + valueChars;
        ensure(length + need);
        // A field whose key and fixed-size part cannot fit is left out; a partial key would corrupt the layout.
        // Only a string value may be cut short, and then its length char says how much is there.
        int fixedPart = tag == TAG_STRING ? 1 : valueChars;
        if (length + 2 + keyLength + fixedPart > chars.length) {
            truncated = true;
            return false;
        }
        chars[length] = tag;
        chars[length + 1] = (char) keyLength;
        key.getChars(0, keyLength, chars, length + 2);
        length += 2 + keyLength;
        return true;
    }

    private void putBits(long v) {
        char[] c = chars;
        int p = length;
        c[p] = (char) (v >>> 48);
        c[p + 1] = (char) (v >>> 32);
        c[p + 2] = (char) (v >>> 16);
        c[p + 3] = (char) v;
        length = p + 4;
        fieldsEnd = length;
    }

    private static long bits(char[] c, int p) {
        return ((long) c[p] << 48) | ((long) c[p + 1] << 32) | ((long) c[p + 2] << 16) | c[p + 3];
    }

    private void ensure(int needed) {
        if (needed <= chars.length || chars.length >= maxChars) {
            return;
        }
        int size = Math.min(maxChars, Math.max(needed, chars.length * 2));
        char[] grown = new char[size];
        System.arraycopy(chars, 0, grown, 0, length);
        chars = grown;
    }

    private static void copy(CharSequence src, int n, char[] dst, int at) {
        if (src instanceof String s) {
            // String.getChars is an intrinsic bulk copy (inflating Latin-1 in one pass).
            s.getChars(0, n, dst, at);
        } else if (src instanceof StringBuilder sb) {
            sb.getChars(0, n, dst, at);
        } else {
            for (int i = 0; i < n; i++) {
                dst[at + i] = src.charAt(i);
            }
        }
    }
}
