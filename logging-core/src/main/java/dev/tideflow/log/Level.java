package dev.tideflow.log;

/** Severity of a record, ordered from least to most severe. */
public enum Level {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    FATAL;

    private static final Level[] VALUES = values();

    public static Level ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isAtLeast(Level other) {
        return ordinal() >= other.ordinal();
    }
}
