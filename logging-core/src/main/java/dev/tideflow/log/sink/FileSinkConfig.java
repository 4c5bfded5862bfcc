package dev.tideflow.log.sink;

import dev.tideflow.log.config.ByteSize;
import dev.tideflow.log.config.HumanDuration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a {@link RotatingFileSink}. Build it with {@link #builder(Path)} or from string properties
 * (the keys are listed on {@link #fromProperties}).
 *
 * @param directory        where the active file and every rotated file live; created if missing
 * @param fileName         the active file's name, a plain name that cannot leave {@code directory}
 * @param maxFileBytes     rotate before a write would take the active file past this size
 * @param rotationInterval rotate at every multiple of this interval (UTC-aligned), on a timer; null for never
 * @param retention        which rotated generations to keep
 * @param codec            how segments are compressed into archives
 * @param checksums        write a {@code .sha256} file next to every archive
 * @param fsyncOnFlush     fsync the active file whenever the logger goes idle (rotation always fsyncs)
 * @param queueCapacity    bound of the background archive queue; a full queue makes rotation wait, never drop
 * @param retry            backoff for failed writes and failed archive jobs
 * @param tickInterval     how often the background thread checks for time-based rotation
 */
public record FileSinkConfig(
        Path directory,
        String fileName,
        long maxFileBytes,
        Duration rotationInterval,
        RetentionPolicy retention,
        ArchiveCodec codec,
        boolean checksums,
        boolean fsyncOnFlush,
        int queueCapacity,
        RetryBackoff retry,
        Duration tickInterval,
        Clock clock,
        ErrorHandler errorHandler) {

    public static final String DEFAULT_FILE_NAME = "tideflow.log";
    public static final ByteSize DEFAULT_MAX_FILE_SIZE = ByteSize.parse("100MB");
    public static final Duration DEFAULT_ROTATION_INTERVAL = Duration.ofDays(1);
    public static final RetentionPolicy DEFAULT_RETENTION =
            new RetentionPolicy(10, Duration.ofDays(7), ByteSize.parse("1GB").bytes());

    public FileSinkConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(errorHandler, "errorHandler");
        directory = directory.toAbsolutePath().normalize();
        checkPlainName(fileName);
        if (!directory.resolve(fileName).normalize().getParent().equals(directory)) {
            throw new IllegalArgumentException("file name \"" + fileName + "\" escapes " + directory);
        }
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("maxFileBytes must be >= 1");
        }
        if (rotationInterval != null && rotationInterval.toMillis() < 1) {
            throw new IllegalArgumentException("rotationInterval must be at least 1ms");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be >= 1");
        }
        if (tickInterval.toMillis() < 1) {
            throw new IllegalArgumentException("tickInterval must be at least 1ms");
        }
    }

    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * Reads {@code directory} (required), {@code file-name}, {@code max-size} ("100MB"), {@code rotate-every}
     * ("24h", "none"), {@code max-files}, {@code max-age} ("7d", "none"), {@code max-total-size} ("1GB", "0" for no
     * limit), {@code compression} (none|gzip|zstd), {@code compression-level}, {@code checksum}
     * (true|false), {@code fsync-on-flush}, {@code queue-capacity}, {@code retry.max-attempts},
     * {@code retry.initial-backoff}, {@code retry.max-backoff}, {@code tick-interval}. Unknown keys are an error,
     * so a typo does not silently fall back to a default.
     */
    public static FileSinkConfig fromProperties(Map<String, String> properties) {
        String dir = properties.get("directory");
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("directory is required");
        }
        Builder b = builder(Path.of(dir));
        int maxFiles = DEFAULT_RETENTION.maxFiles();
        Duration maxAge = DEFAULT_RETENTION.maxAge();
        long maxTotal = DEFAULT_RETENTION.maxTotalBytes();
        Compression compression = Compression.GZIP;
        int level = -1;
        int attempts = RetryBackoff.DEFAULTS.maxAttempts();
        Duration initial = RetryBackoff.DEFAULTS.initial();
        Duration max = RetryBackoff.DEFAULTS.max();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String v = e.getValue().trim();
            switch (e.getKey()) {
                case "directory" -> {
                }
                case "file-name" -> b.fileName(v);
                case "max-size" -> b.maxFileSize(ByteSize.parse(v));
                case "rotate-every" -> b.rotationInterval(isNone(v) ? null : HumanDuration.parse(v));
                case "max-files" -> maxFiles = Integer.parseInt(v);
                case "max-age" -> maxAge = isNone(v) ? null : HumanDuration.parse(v);
                case "max-total-size" -> maxTotal = isNone(v) ? 0 : ByteSize.parse(v).bytes();
                case "compression" -> compression = Compression.parse(v);
                case "compression-level" -> level = Integer.parseInt(v);
                case "checksum" -> b.checksums(parseBoolean(e.getKey(), v));
                case "fsync-on-flush" -> b.fsyncOnFlush(parseBoolean(e.getKey(), v));
                case "queue-capacity" -> b.queueCapacity(Integer.parseInt(v));
                case "retry.max-attempts" -> attempts = Integer.parseInt(v);
                case "retry.initial-backoff" -> initial = HumanDuration.parse(v);
                case "retry.max-backoff" -> max = HumanDuration.parse(v);
                case "tick-interval" -> b.tickInterval(HumanDuration.parse(v));
                default -> throw new IllegalArgumentException("unknown file sink property \"" + e.getKey() + "\"");
            }
        }
        return b.retention(new RetentionPolicy(maxFiles, maxAge, maxTotal))
                .codec(compression.codec(level))
                .retry(new RetryBackoff(attempts, initial, max))
                .build();
    }

    private static boolean isNone(String v) {
        return v.equalsIgnoreCase("none") || v.equalsIgnoreCase("off") || v.equals("0");
    }

    private static boolean parseBoolean(String key, String v) {
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, got \"" + v + "\"");
    }

    private static void checkPlainName(String name) {
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("file name must be a plain name inside the directory, got \""
                    + name + "\"");
        }
    }

    /** Defaults: {@value #DEFAULT_FILE_NAME}, 100MB, daily, 10 files / 7 days / 1GB, gzip with checksums. */
    public static final class Builder {

        private final Path directory;
        private String fileName = DEFAULT_FILE_NAME;
        private long maxFileBytes = DEFAULT_MAX_FILE_SIZE.bytes();
        private Duration rotationInterval = DEFAULT_ROTATION_INTERVAL;
        private RetentionPolicy retention = DEFAULT_RETENTION;
        private ArchiveCodec codec = Compression.GZIP.codec(-1);
        private boolean checksums = true;
        private boolean fsyncOnFlush;
        private int queueCapacity = 64;
        private RetryBackoff retry = RetryBackoff.DEFAULTS;
        private Duration tickInterval = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();
        private ErrorHandler errorHandler = ErrorHandler.STDERR;

        private Builder(Path directory) {
            this.directory = directory;
        }

        public Builder fileName(String fileName) {
            this.fileName = fileName;
            return this;
        }

        public Builder maxFileSize(ByteSize size) {
            this.maxFileBytes = size.bytes();
            return this;
        }

        public Builder rotationInterval(Duration interval) {
            this.rotationInterval = interval;
            return this;
        }

        public Builder retention(RetentionPolicy retention) {
            this.retention = retention;
            return this;
        }

        public Builder compression(Compression compression) {
            this.codec = compression.codec(-1);
            return this;
        }

        public Builder codec(ArchiveCodec codec) {
            this.codec = codec;
            return this;
        }

        public Builder checksums(boolean checksums) {
            this.checksums = checksums;
            return this;
        }

        public Builder fsyncOnFlush(boolean fsyncOnFlush) {
            this.fsyncOnFlush = fsyncOnFlush;
            return this;
        }

        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        public Builder retry(RetryBackoff retry) {
            this.retry = retry;
            return this;
        }

        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = tickInterval;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder errorHandler(ErrorHandler errorHandler) {
            this.errorHandler = errorHandler;
            return this;
        }

        public FileSinkConfig build() {
            return new FileSinkConfig(directory, fileName, maxFileBytes, rotationInterval, retention, codec,
                    checksums, fsyncOnFlush, queueCapacity, retry, tickInterval, clock, errorHandler);
        }
    }
}
