package dev.tideflow.log.encode;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteOutputTest {

    @Test
    void utf8MatchesTheJdkEncoderForRandomText() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(200);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> sb.append((char) random.nextInt(0x80));
                    case 1 -> sb.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> sb.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
                    default -> sb.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                }
            }
            String s = sb.toString();
            ByteOutput fromArray = new ByteOutput(8);
            fromArray.writeUtf8(s.toCharArray(), 0, s.length());
            ByteOutput fromSequence = new ByteOutput(8);
            fromSequence.writeUtf8(s);
            byte[] expected = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, bytes(fromArray));
            assertArrayEquals(expected, bytes(fromSequence));
        }
    }

    @Test
    void asciiAndMixedSlicesOfALargerArrayAppendAfterWhatIsThere() {
        char[] chars = "xxscaled web to 4xxnaïvexx".toCharArray();
        ByteOutput out = new ByteOutput(8);
        out.writeByte('>');
        out.writeUtf8(chars, 2, 15);
        out.writeUtf8(chars, 19, 5);
        out.writeUtf8(chars, 0, 0);
        assertArrayEquals(">scaled web to 4naïve".getBytes(StandardCharsets.UTF_8), bytes(out));
    }

    @Test
    void loneSurrogatesBecomeQuestionMarksLikeTheJdk() {
        String s = "a\uD800b\uDC00";
        ByteOutput out = new ByteOutput(8);
        out.writeUtf8(s.toCharArray(), 0, s.length());
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes(out));
    }

    @Test
    void jsonEscapingCoversQuotesBackslashesAndControlCharacters() {
        String s = "q\"b\\n\nt\tc\u0001\u001f\u00e9";
        ByteOutput out = new ByteOutput(8);
        out.writeJsonEscaped(s.toCharArray(), 0, s.length());
        assertEquals("q\\\"b\\\\n\\nt\\tc\\u0001\\u001f\u00e9", text(out));
        ByteOutput viaSequence = new ByteOutput(8);
        viaSequence.writeJsonEscaped(s);
        assertEquals(text(out), text(viaSequence));
    }

    @Test
    void longsIncludingTheExtremes() {
        long[] values = {0, 7, -7, 10, 99, 100, 123456789012345L, Long.MAX_VALUE, Long.MIN_VALUE, -1000};
        for (long v : values) {
            ByteOutput out = new ByteOutput(8);
            out.writeLong(v);
            assertEquals(Long.toString(v), text(out));
        }
    }

    @Test
    void growsAndExposesExactlyTheWrittenBytes() {
        ByteOutput out = new ByteOutput(64);
        for (int i = 0; i < 1000; i++) {
            out.writeAscii("abc");
        }
        ByteBuffer view = out.asByteBuffer();
        assertEquals(3000, view.remaining());
        out.truncate(3);
        assertEquals("abc", text(out));
        out.padLeft(1, 2);
        assertEquals("a  bc", text(out));
    }

    private static byte[] bytes(ByteOutput out) {
        ByteBuffer b = out.asByteBuffer();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        return copy;
    }

    private static String text(ByteOutput out) {
        return new String(bytes(out), StandardCharsets.UTF_8);
    }
}
