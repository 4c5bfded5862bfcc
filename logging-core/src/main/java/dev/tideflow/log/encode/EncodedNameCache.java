package dev.tideflow.log.encode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Encoded bytes of long-lived names (logger and thread names), so the consumer encodes each name once instead of
 * once per record. Direct-mapped on {@code String.hashCode()} (cached in the string after its first use) and checked
 * by identity, so a hit costs a hash read and a reference compare; a different string with the same content simply
 * replaces the entry. Names longer than {@value #MAX_CACHED_CHARS} chars are not cached. One per encoder (the
 * consumer thread's); not thread-safe.
 */
final class EncodedNameCache {

    static final int MAX_CACHED_CHARS = 256;
    private static final int SIZE = 256;

    private final String[] names = new String[SIZE];
    private final byte[][] bytes = new byte[SIZE][];
    private final Function<String, byte[]> encoding;
    private final boolean json;
    private final byte[] suffix;

    private EncodedNameCache(Function<String, byte[]> encoding, boolean json) {
        this(encoding, json, null);
    }

    private EncodedNameCache(Function<String, byte[]> encoding, boolean json, byte[] suffix) {
        this.encoding = encoding;
        this.json = json;
        this.suffix = suffix;
    }

    /** Plain UTF-8, for layouts. */
    static EncodedNameCache utf8() {
        return new EncodedNameCache(s -> s.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Plain UTF-8 followed by {@code suffix} (a layout's literal after the name), cached together. */
    static EncodedNameCache utf8(byte[] suffix) {
        return new EncodedNameCache(s -> {
            byte[] name = s.getBytes(StandardCharsets.UTF_8);
            byte[] both = Arrays.copyOf(name, name.length + suffix.length);
            System.arraycopy(suffix, 0, both, name.length, suffix.length);
            return both;
        }, false, suffix);
    }

    /** The inside of a JSON string: escaped, then UTF-8. */
    static EncodedNameCache jsonEscaped() {
        return new EncodedNameCache(s -> {
            ByteOutput out = new ByteOutput(s.length() * 6 + 16);
            out.writeJsonEscaped(s);
            byte[] encoded = new byte[out.length()];
            out.asByteBuffer().get(encoded);
            return encoded;
        }, true);
    }

    /** Writes {@code name} encoded; uncacheable names are encoded directly. */
    void write(String name, ByteOutput out) {
        int i = name.hashCode() & (SIZE - 1);
        if (names[i] != name) {
            if (name.length() > MAX_CACHED_CHARS) {
                if (json) {
                    out.writeJsonEscaped(name);
                } else {
                    out.writeUtf8(name);
                }
                if (suffix != null) {
                    out.writeBytes(suffix);
                }
                return;
            }
            bytes[i] = encoding.apply(name);
            names[i] = name;
        }
        out.writeBytes(bytes[i]);
    }
}
