package dev.tideflow.configclient;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed setting a service reads from the live configuration.
 *
 * @param parser        turns the text into the value; throws (any runtime exception) when the text is invalid. A
 *                      pushed value it refuses is never applied: the last good value stays.
 * @param defaultValue  the value while no scope sets the key
 * @param hotReloadable false for a setting read once at start (a pool size, a port): a change is logged as taking
 *                      effect after restart and the value stays as it was
 * @param secret        its value is a secret: the topic only carries a mask, so the client fetches the value from
 *                      config-service with this service's token (see {@link LiveConfig})
 */
public record Setting<T>(String key, Function<String, T> parser, T defaultValue, boolean hotReloadable,
        boolean secret) {

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parser, "parser");
    }

    public static <T> Setting<T> of(String key, Function<String, T> parser, T defaultValue) {
        return new Setting<>(key, parser, defaultValue, true, false);
    }

    public static Setting<Integer> ofInt(String key, int defaultValue) {
        return of(key, text -> Integer.valueOf(text.strip()), defaultValue);
    }

    public static Setting<Boolean> ofBoolean(String key, boolean defaultValue) {
        return of(key, Setting::parseBoolean, defaultValue);
    }

    public static Setting<String> ofString(String key, String defaultValue) {
        return of(key, Function.identity(), defaultValue);
    }

    /** ISO-8601 ({@code PT30S}) or a number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    public static Setting<Duration> ofDuration(String key, Duration defaultValue) {
        return of(key, Setting::parseDuration, defaultValue);
    }

    /** The same setting, read once at start. */
    public Setting<T> restartOnly() {
        return new Setting<>(key, parser, defaultValue, false, secret);
    }

    /** The same setting, holding a secret fetched from config-service (the topic carries only a mask). */
    public Setting<T> asSecret() {
        return new Setting<>(key, parser, defaultValue, hotReloadable, true);
    }

    static Boolean parseBoolean(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t);
        }
        throw new IllegalArgumentException("'" + t + "' is not true or false");
    }

    /** Parses what {@link #ofDuration} accepts; throws on anything else. */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
        for (String[] unit : units) {
            if (t.endsWith(unit[0]) && t.length() > unit[0].length()) {
                String number = t.substring(0, t.length() - unit[0].length());
                if (number.chars().allMatch(Character::isDigit)) {
                    return Duration.ofMillis(Math.multiplyExact(Long.parseLong(number), Long.parseLong(unit[1])));
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 30s, 5m, PT1H)");
    }
}
