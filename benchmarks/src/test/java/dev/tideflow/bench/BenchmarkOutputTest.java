package dev.tideflow.bench;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BenchmarkOutputTest {

    @Test
    void countsNewlinesLikeAByteLoopAtAnyOffsetAndLength() {
        Random random = new Random(42);
        // Bytes next to 0x0A in value and with the high bit set are where a carry between bytes would miscount.
        byte[] alphabet = {'\n', 0x0B, 0x09, 0x00, (byte) 0x8A, (byte) 0xFF, (byte) 0x80, 0x7F, 'a', ' '};
        for (int round = 0; round < 2_000; round++) {
            byte[] b = new byte[random.nextInt(64)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int off = b.length == 0 ? 0 : random.nextInt(b.length);
            int len = random.nextInt(b.length - off + 1);
            assertEquals(byteLoop(b, off, len), BenchmarkOutput.countLines(b, off, len),
                    () -> "off " + off + " len " + len);
        }
    }

    @Test
    void countsEveryLineOfABatch() {
        byte[] line = "2026-11-23T17:30:55.123Z INFO  [main] dev.tideflow.bench.Service - scaled\n".getBytes();
        byte[] batch = new byte[line.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(line, 0, batch, i * line.length, line.length);
        }
        assertEquals(1000, BenchmarkOutput.countLines(batch, 0, batch.length));
    }

    private static long byteLoop(byte[] b, int off, int len) {
        long n = 0;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
