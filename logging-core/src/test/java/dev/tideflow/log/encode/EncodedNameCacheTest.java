package dev.tideflow.log.encode;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EncodedNameCacheTest {

    @Test
    void namesThatShareASlotEachComeOutAsThemselves() {
        EncodedNameCache cache = EncodedNameCache.utf8();
        // "Aa" and "BB" have the same hashCode, so they take turns in one slot.
        String[] names = {"Aa", "BB", "Aa", "BB", "thread-é", "thread-é"};
        for (String name : names) {
            assertEquals(name, write(cache, name));
        }
        assertEquals("Aa", write(cache, new String("Aa".toCharArray())), "an equal string that is another object");
    }

    @Test
    void jsonNamesAreEscapedOnceAndLongNamesAreWrittenWithoutCaching() {
        EncodedNameCache cache = EncodedNameCache.jsonEscaped();
        assertEquals("worker \\\"1\\\"\\n", write(cache, "worker \"1\"\n"));
        assertEquals("worker \\\"1\\\"\\n", write(cache, "worker \"1\"\n"));
        String longName = "x".repeat(EncodedNameCache.MAX_CACHED_CHARS) + "\"";
        assertEquals("x".repeat(EncodedNameCache.MAX_CACHED_CHARS) + "\\\"", write(cache, longName));
        assertEquals("a-😀", write(EncodedNameCache.utf8(), "a-😀"));
    }

    private static String write(EncodedNameCache cache, String name) {
        ByteOutput out = new ByteOutput(16);
        cache.write(name, out);
        ByteBuffer b = out.asByteBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
