package dev.tideflow.log.config;

import java.util.Locale;

/**
 * A byte count parsed from a human string: {@code "100MB"}, {@code "512KiB"}, {@code "1.5 GB"}, {@code "4096"}.
 *
 * <p>Decimal units (kB, MB, GB, TB) are powers of 1000 and binary units (KiB, MiB, GiB, TiB) powers of 1024, as
 * the SI and IEC prefixes define them; a bare number or {@code B} is bytes. Units are case-insensitive.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte size must not be negative: " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("byte size is empty");
        }
        String s = text.trim();
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("byte size must start with a number: \"" + text + "\"");
        }
        String number = s.substring(0, end);
        String unit = s.substring(end).trim().toLowerCase(Locale.ROOT);
        long multiplier = switch (unit) {
            case "", "b" -> 1L;
            case "k", "kb" -> 1000L;
            case "m", "mb" -> 1000L * 1000;
            case "g", "gb" -> 1000L * 1000 * 1000;
            case "t", "tb" -> 1000L * 1000 * 1000 * 1000;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException("unknown byte size unit \"" + unit + "\" in \"" + text
                    + "\" (use B, kB, MB, GB, TB, KiB, MiB, GiB or TiB)");
        };
        try {
            if (number.indexOf('.') < 0) {
                return new ByteSize(Math.multiplyExact(Long.parseLong(number), multiplier));
            }
            double value = Double.parseDouble(number) * multiplier;
            if (value > Long.MAX_VALUE) {
                throw new IllegalArgumentException("byte size too large: \"" + text + "\"");
            }
            return new ByteSize(Math.round(value));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid byte size \"" + text + "\"", e);
        }
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return bytes + "B";
    }
}
