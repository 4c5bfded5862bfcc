package dev.tideflow.log.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses durations the way operators write them: {@code "7d"}, {@code "24h"}, {@code "100ms"}, {@code "1h30m"},
 * {@code "250us"}, or an ISO-8601 {@code "PT15M"}. A bare number is milliseconds.
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("duration is empty");
        }
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid ISO-8601 duration \"" + text + "\"", e);
            }
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": expected a number at "
                        + start);
            }
            long amount;
            try {
                amount = Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\"", e);
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            total = total.plus(unit(amount, unit, text));
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }
        return total;
    }

    private static Duration unit(long amount, String unit, String text) {
        return switch (unit) {
            case "", "ms" -> Duration.ofMillis(amount);
            case "ns" -> Duration.ofNanos(amount);
            case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(Math.multiplyExact(amount, 7L));
            default -> throw new IllegalArgumentException("unknown duration unit \"" + unit + "\" in \"" + text
                    + "\" (use ns, us, ms, s, m, h, d or w)");
        };
    }
}
