package dev.tideflow.log.encode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A growable byte array the consumer encodes a whole batch into, so the sink sees one write per batch. Reused
 * across batches: it grows to the largest batch and then stops allocating.
 */
public final class ByteOutput {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int pos;
    private ByteBuffer view;

    public ByteOutput(int initialCapacity) {
        this.buf = new byte[Math.max(64, initialCapacity)];
        this.view = ByteBuffer.wrap(buf);
    }

    public int length() {
        return pos;
    }

    public void reset() {
        pos = 0;
    }

    /** Truncates back to {@code length}, e.g. to drop a half-encoded record after an encoder failure. */
    public void truncate(int length) {
        if (length < 0 || length > pos) {
            throw new IllegalArgumentException("cannot truncate to " + length + " of " + pos);
        }
        pos = length;
    }

    /** The written bytes as a buffer positioned at 0; valid until the next write. */
    public ByteBuffer asByteBuffer() {
        view.clear();
        view.limit(pos);
        return view;
    }

    public void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    public void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    public void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, pos, length);
        pos += length;
    }

    /** For strings known to be ASCII (names, numbers); anything else goes through {@link #writeUtf8}. */
    public void writeAscii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    public void writeLong(long v) {
        if (v == Long.MIN_VALUE) {
            writeBytes(MIN_LONG);
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = digits(v);
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        pos = end;
    }

    public void writeUtf8(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensure(1);
                buf[pos++] = (byte) c;
            } else {
                i = writeNonAscii(c, i, n, s, null);
            }
        }
    }

    public void writeUtf8(char[] chars, int offset, int length) {
        int end = offset + length;
        // Worst case three bytes per char (a surrogate pair is two chars for four bytes), so no check per char.
        ensure(length * 3);
        // Most messages are ASCII: one branch-free pass to tell, then a plain narrowing copy (both loops vectorise).
        int bits = 0;
        for (int i = offset; i < end; i++) {
            bits |= chars[i];
        }
        if (bits < 0x80) {
            byte[] b = buf;
            int p = pos - offset;
            for (int i = offset; i < end; i++) {
                b[p + i] = (byte) chars[i];
            }
            pos += length;
            return;
        }
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else {
                i = writeNonAscii(c, i, end, null, chars);
            }
        }
    }

    /** Writes the chars as the inside of a JSON string: quotes, backslashes and control characters escaped. */
    public void writeJsonEscaped(char[] chars, int offset, int length) {
        int end = offset + length;
        // Worst case is a six-byte escape (backslash, u, four hex digits) per char, so no check per char.
        ensure(length * 6);
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                buf[pos++] = (byte) c;
            } else if (c < 0x80) {
                writeJsonEscape(c);
            } else {
                i = writeNonAscii(c, i, end, null, chars);
            }
        }
    }

    public void writeJsonEscaped(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                buf[pos++] = (byte) c;
            } else if (c < 0x80) {
                writeJsonEscape(c);
            } else {
                i = writeNonAscii(c, i, n, s, null);
            }
        }
    }

    /** Moves the bytes written since {@code from} right by {@code by}, filling the gap with spaces (left padding). */
    public void padLeft(int from, int by) {
        ensure(by);
        System.arraycopy(buf, from, buf, from + by, pos - from);
        for (int i = from; i < from + by; i++) {
            buf[i] = ' ';
        }
        pos += by;
    }

    public void writeSpaces(int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = ' ';
        }
    }

    private void writeJsonEscape(char c) {
        ensure(6);
        buf[pos++] = '\\';
        switch (c) {
            case '"' -> buf[pos++] = '"';
            case '\\' -> buf[pos++] = '\\';
            case '\n' -> buf[pos++] = 'n';
            case '\r' -> buf[pos++] = 'r';
            case '\t' -> buf[pos++] = 't';
            case '\b' -> buf[pos++] = 'b';
            case '\f' -> buf[pos++] = 'f';
            default -> {
                buf[pos++] = 'u';
                buf[pos++] = '0';
                buf[pos++] = '0';
                buf[pos++] = HEX[(c >> 4) & 0xF];
                buf[pos++] = HEX[c & 0xF];
            }
        }
    }

    /** Encodes one non-ASCII char (or surrogate pair) and returns the index of the last char consumed. */
    private int writeNonAscii(char c, int i, int end, CharSequence seq, char[] arr) {
        ensure(4);
        if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < end) {
            char low = arr != null ? arr[i + 1] : seq.charAt(i + 1);
            if (Character.isLowSurrogate(low)) {
                int cp = Character.toCodePoint(c, low);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return i + 1;
            }
        }
        if (Character.isSurrogate(c)) {
            // A lone surrogate has no UTF-8 form; '?' is what the JDK's encoder substitutes too.
            buf[pos++] = '?';
            return i;
        }
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    private static int digits(long v) {
        long p = 10;
        for (int i = 1; i < 19; i++) {
            if (v < p) {
                return i;
            }
            p *= 10;
        }
        return 19;
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("encode buffer would exceed 2 GiB");
            }
            byte[] grown = new byte[(int) wanted];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
            view = ByteBuffer.wrap(buf);
        }
    }
}
