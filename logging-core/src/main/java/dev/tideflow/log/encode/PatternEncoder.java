package dev.tideflow.log.encode;

import dev.tideflow.log.record.FieldVisitor;
import dev.tideflow.log.record.RecordSlot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small pattern layout, compiled once into a list of tokens:
 * <ul>
 *   <li>{@code %d} ISO-8601 UTC timestamp, {@code %p} level, {@code %t} thread, {@code %c} logger, {@code %m}
 *   message</li>
 *   <li>{@code %X} structured fields as {@code " key=value"} pairs (nothing when there are none)</li>
 *   <li>{@code %ex} the throwable's stack trace on the following lines (nothing when there is none)</li>
 *   <li>{@code %n} newline, {@code %%} a percent sign</li>
 * </ul>
 * A width between {@code %} and the conversion pads to that many bytes, on the left, or on the right with a
 * leading {@code -} ({@code %-5p}).
 */
public final class PatternEncoder implements LogEncoder, FieldVisitor {

    public static final String DEFAULT_PATTERN = "%d %-5p [%t] %c - %m%X%n%ex";

    private static final byte[][] LEVELS = JsonLinesEncoder.levelNames();

    private static final int LITERAL = 0;
    private static final int DATE = 1;
    private static final int LEVEL = 2;
    private static final int THREAD = 3;
    private static final int LOGGER = 4;
    private static final int MESSAGE = 5;
    private static final int FIELDS = 6;
    private static final int EXCEPTION = 7;
    private static final int NEWLINE = 8;

    /**
     * One piece of the layout. A literal that follows a date, a level or an unpadded name is folded into that piece
     * ({@code literal} is then its suffix), so a typical line is a few copies instead of one per piece:
     * {@code levels} holds every level's name padded to the token's width plus the suffix (its width is then 0),
     * {@code timestamps} and {@code names} are the token's own caches, which include the suffix.
     */
    private record Token(int code, byte[] literal, int width, boolean leftAlign, byte[][] levels,
            IsoTimestampWriter timestamps, EncodedNameCache names) {

        static Token literal(byte[] bytes) {
            return new Token(LITERAL, bytes, 0, false, null, null, null);
        }

        /** This token with {@code suffix} (a literal's bytes) folded in, or null if it cannot take one. */
        Token withSuffix(byte[] suffix) {
            return switch (code) {
                case DATE -> new Token(DATE, suffix, 0, false, null, new IsoTimestampWriter(suffix), null);
                case LEVEL -> new Token(LEVEL, suffix, 0, false, suffixed(levels, suffix), null, null);
                case THREAD, LOGGER -> width > 0 || names != null ? null
                        : new Token(code, suffix, 0, false, null, null, EncodedNameCache.utf8(suffix));
                default -> null;
            };
        }

        private static byte[][] suffixed(byte[][] names, byte[] suffix) {
            byte[][] out = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                out[i] = Arrays.copyOf(names[i], names[i].length + suffix.length);
                System.arraycopy(suffix, 0, out[i], names[i].length, suffix.length);
            }
            return out;
        }
    }

    private final Token[] tokens;
    private final IsoTimestampWriter timestamps = new IsoTimestampWriter();
    private final StackTraceRenderer stackTraces = new StackTraceRenderer();
    private final EncodedNameCache names = EncodedNameCache.utf8();
    private ByteOutput out;

    public PatternEncoder(String pattern) {
        this.tokens = compile(pattern);
    }

    /** Throws {@link IllegalArgumentException} if {@code pattern} does not compile. */
    public static void validate(String pattern) {
        compile(pattern);
    }

    @Override
    public void encode(RecordSlot r, ByteOutput out) {
        if (this.out != out) {
            // The consumer's buffer is the same every time: no reference store (and write barrier) per record.
            this.out = out;
        }
        Token[] tokens = this.tokens;
        for (int i = 0; i < tokens.length; i++) {
            Token token = tokens[i];
            int width = token.width;
            int start = width > 0 ? out.length() : 0;
            // Dispatch on an int code rather than the enum: a switch on an enum reads a synthetic ordinal map first.
            switch (token.code) {
                case LITERAL -> out.writeBytes(token.literal);
                case DATE -> (token.timestamps != null ? token.timestamps : timestamps).write(r.epochMillis(), out);
                case LEVEL -> out.writeBytes(token.levels[r.level()]);
                case THREAD -> (token.names != null ? token.names : names).write(r.threadName(), out);
                case LOGGER -> {
                    if (r.loggerName() != null) {
                        (token.names != null ? token.names : names).write(r.loggerName(), out);
                    } else if (token.names != null) {
                        out.writeBytes(token.literal);
                    }
                }
                case MESSAGE -> out.writeUtf8(r.chars(), r.messageOffset(), r.messageLength());
                case FIELDS -> r.visitFields(this);
                case EXCEPTION -> {
                    if (r.thrown() != null) {
                        out.writeUtf8(stackTraces.render(r.thrown()));
                        out.writeByte('\n');
                    }
                }
                case NEWLINE -> out.writeByte('\n');
                default -> throw new IllegalStateException("token code " + token.code);
            }
            if (width > 0) {
                int written = out.length() - start;
                if (written < width) {
                    if (token.leftAlign) {
                        out.writeSpaces(width - written);
                    } else {
                        out.padLeft(start, width - written);
                    }
                }
            }
        }
    }

    @Override
    public void onString(char[] chars, int keyOffset, int keyLength, int valueOffset, int valueLength) {
        key(chars, keyOffset, keyLength);
        out.writeUtf8(chars, valueOffset, valueLength);
    }

    @Override
    public void onLong(char[] chars, int keyOffset, int keyLength, long value) {
        key(chars, keyOffset, keyLength);
        out.writeLong(value);
    }

    @Override
    public void onDouble(char[] chars, int keyOffset, int keyLength, double value) {
        key(chars, keyOffset, keyLength);
        out.writeAscii(Double.toString(value));
    }

    @Override
    public void onBoolean(char[] chars, int keyOffset, int keyLength, boolean value) {
        key(chars, keyOffset, keyLength);
        out.writeAscii(value ? "true" : "false");
    }

    private void key(char[] chars, int offset, int length) {
        out.writeByte(' ');
        out.writeUtf8(chars, offset, length);
        out.writeByte('=');
    }

    private static byte[][] paddedLevels(int width, boolean leftAlign) {
        byte[][] padded = new byte[LEVELS.length][];
        for (int i = 0; i < LEVELS.length; i++) {
            byte[] name = LEVELS[i];
            int pad = Math.max(0, width - name.length);
            byte[] p = new byte[name.length + pad];
            Arrays.fill(p, (byte) ' ');
            System.arraycopy(name, 0, p, leftAlign ? 0 : pad, name.length);
            padded[i] = p;
        }
        return padded;
    }

    private static Token[] compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new IllegalArgumentException("pattern is empty");
        }
        List<Token> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i++);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i < pattern.length() && pattern.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            boolean leftAlign = false;
            if (i < pattern.length() && pattern.charAt(i) == '-') {
                leftAlign = true;
                i++;
            }
            int width = 0;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                width = width * 10 + (pattern.charAt(i++) - '0');
            }
            int kind;
            if (pattern.startsWith("ex", i)) {
                kind = EXCEPTION;
                i += 2;
            } else if (i < pattern.length()) {
                kind = switch (pattern.charAt(i)) {
                    case 'd' -> DATE;
                    case 'p' -> LEVEL;
                    case 't' -> THREAD;
                    case 'c' -> LOGGER;
                    case 'm' -> MESSAGE;
                    case 'X' -> FIELDS;
                    case 'n' -> NEWLINE;
                    default -> throw new IllegalArgumentException("unknown conversion %" + pattern.charAt(i)
                            + " in pattern \"" + pattern + "\"");
                };
                i++;
            } else {
                throw new IllegalArgumentException("pattern ends with a lone %: \"" + pattern + "\"");
            }
            addLiteral(tokens, literal);
            if (kind == LEVEL) {
                tokens.add(new Token(kind, null, 0, false, paddedLevels(width, leftAlign), null, null));
            } else {
                tokens.add(new Token(kind, null, width, leftAlign, null, null, null));
            }
        }
        addLiteral(tokens, literal);
        return tokens.toArray(new Token[0]);
    }

    /** Appends the pending literal, folded into the token before it when that token can carry a suffix. */
    private static void addLiteral(List<Token> tokens, StringBuilder literal) {
        if (literal.length() == 0) {
            return;
        }
        byte[] bytes = literal.toString().getBytes(StandardCharsets.UTF_8);
        literal.setLength(0);
        Token previous = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
        Token folded = previous == null ? null : previous.withSuffix(bytes);
        if (folded != null) {
            tokens.set(tokens.size() - 1, folded);
        } else {
            tokens.add(Token.literal(bytes));
        }
    }
}
