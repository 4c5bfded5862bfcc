package dev.tideflow.log;

import dev.tideflow.log.sink.Sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks lines of the form {@code t=<thread> i=<seq> p=<payload>} as they arrive, without storing them: per thread,
 * sequences must strictly increase (exactly +1 when {@code gapless}), and the payload must be the one
 * {@link #payload} derives from thread and sequence.
 */
final class OrderCheckingSink implements Sink {

    private final long[] next;
    private final long[] count;
    private final boolean gapless;
    private final List<String> problems = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private long lines;

    OrderCheckingSink(int threads, boolean gapless) {
        this.next = new long[threads];
        this.count = new long[threads];
        this.gapless = gapless;
    }

    static String payload(int thread, long seq) {
        return Long.toString((thread * 1_000_003L + seq) * 2_654_435_761L & 0xFFFFFFFFL, 36);
    }

    @Override
    public synchronized void write(ByteBuffer batch) {
        byte[] bytes = new byte[batch.remaining()];
        batch.get(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            partial.append(text, start, nl);
            check(partial.toString());
            partial.setLength(0);
            start = nl + 1;
        }
        partial.append(text, start, text.length());
    }

    private void check(String line) {
        lines++;
        try {
            String[] parts = line.split(" ");
            int thread = Integer.parseInt(parts[0].substring(2));
            long seq = Long.parseLong(parts[1].substring(2));
            String payload = parts[2].substring(2);
            boolean ordered = gapless ? seq == next[thread] : seq >= next[thread];
            if (!ordered) {
                problem("thread " + thread + ": expected " + (gapless ? "" : ">= ") + next[thread] + ", got " + seq);
            }
            if (!payload.equals(payload(thread, seq))) {
                problem("thread " + thread + " seq " + seq + ": wrong payload " + payload);
            }
            next[thread] = seq + 1;
            count[thread]++;
        } catch (RuntimeException e) {
            problem("unparsable line \"" + line + "\": " + e);
        }
    }

    private void problem(String p) {
        if (problems.size() < 20) {
            problems.add(p);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    synchronized List<String> problems() {
        List<String> all = new ArrayList<>(problems);
        if (partial.length() > 0) {
            all.add("unterminated line \"" + partial + "\"");
        }
        return all;
    }

    synchronized long lines() {
        return lines;
    }

    synchronized long count(int thread) {
        return count[thread];
    }
}
