package dev.tideflow.log.encode;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Renders a throwable's stack trace into a reused buffer. Runs on the consumer, never on a producer: producers
 * only store the reference. {@code printStackTrace} allocates internally, which is acceptable on this rare path.
 */
final class StackTraceRenderer {

    private final StringWriter text = new StringWriter(1024);
    private final PrintWriter printer = new PrintWriter(text);

    CharSequence render(Throwable t) {
        StringBuffer buffer = text.getBuffer();
        buffer.setLength(0);
        try {
            t.printStackTrace(printer);
        } catch (RuntimeException e) {
            // A throwable whose own toString/getMessage fails must not take the consumer down with it.
            buffer.setLength(0);
            buffer.append(t.getClass().getName()).append(" (stack trace unavailable: ")
                    .append(e.getClass().getName()).append(')');
        }
        printer.flush();
        int end = buffer.length();
        while (end > 0 && (buffer.charAt(end - 1) == '\n' || buffer.charAt(end - 1) == '\r')) {
            end--;
        }
        buffer.setLength(end);
        return buffer;
    }
}
