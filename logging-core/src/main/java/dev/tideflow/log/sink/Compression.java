package dev.tideflow.log.sink;

import java.util.Locale;

/** The archive formats the rotating sink can write; {@code level} -1 means the format's default. */
public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    public ArchiveCodec codec(int level) {
        return switch (this) {
            case NONE -> NoCompression.INSTANCE;
            case GZIP -> new GzipCodec(level);
            case ZSTD -> {
                try {
                    Class.forName("com.github.luben.zstd.ZstdOutputStream", false,
                            Compression.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(
                            "zstd compression needs com.github.luben:zstd-jni on the class path", e);
                }
                yield new ZstdCodec(level < 0 ? 3 : level);
            }
        };
    }

    public static Compression parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "NONE", "OFF", "FALSE" -> NONE;
            case "GZIP", "GZ" -> GZIP;
            case "ZSTD", "ZST" -> ZSTD;
            default -> throw new IllegalArgumentException("unknown compression \"" + text
                    + "\" (use none, gzip or zstd)");
        };
    }
}
