package dev.tideflow.log;

import dev.tideflow.log.config.ByteSize;
import dev.tideflow.log.config.HumanDuration;
import dev.tideflow.log.encode.JsonLinesEncoder;
import dev.tideflow.log.encode.LogEncoder;
import dev.tideflow.log.encode.PatternEncoder;
import dev.tideflow.log.scale.ProducerMode;
import dev.tideflow.log.scale.ScalerThresholds;
import dev.tideflow.log.sink.ErrorHandler;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Configuration of a {@link ScalingLogger}. Build it with {@link #builder()} or from string properties (keys on
 * {@link #fromProperties}); every value has a default from the design.
 *
 * @param level              records below this level are discarded before touching a ring
 * @param forcedMode         a fixed producer mode, or null to let the scaler choose (starting in SINGLE)
 * @param backpressure       what a producer does when it cannot get a slot
 * @param singleRingCapacity slots per single-producer ring (power of two)
 * @param mpscRingCapacity   slots in the multi-producer ring (power of two)
 * @param slotChars          chars pre-allocated per slot; a larger record borrows a one-off array
 * @param maxRecordChars     hard cap per record (fields and message); beyond it the record is truncated and marked
 * @param maxSingleRings     single-producer rings that may exist, so an idle owner does not pin SINGLE mode
 * @param thresholds         when to switch modes
 * @param batchBytes         the consumer hands a batch to the sink once it reaches this size
 * @param drainLimit         records taken from one ring before visiting the next, for fairness
 * @param consumerSpins      consumer idle strategy: busy spins, then
 * @param consumerYields     yields, then parks of doubling length up to
 * @param consumerMaxPark    this
 * @param producerMaxPark    longest park of a producer waiting under {@link Backpressure#BLOCK}
 * @param encoder            makes the consumer's encoder (one per logger; encoders are not thread-safe)
 * @param clock              timestamps ({@code millis()} on the producer path)
 * @param errorHandler       told about encoder and sink failures
 * @param closeTimeout       how long close waits for the consumer to drain
 */
public record LoggerConfig(
        Level level,
        ProducerMode forcedMode,
        Backpressure backpressure,
        int singleRingCapacity,
        int mpscRingCapacity,
        int slotChars,
        int maxRecordChars,
        int maxSingleRings,
        ScalerThresholds thresholds,
        int batchBytes,
        int drainLimit,
        int consumerSpins,
        int consumerYields,
        Duration consumerMaxPark,
        Duration producerMaxPark,
        Supplier<LogEncoder> encoder,
        Clock clock,
        ErrorHandler errorHandler,
        Duration closeTimeout) {

    public LoggerConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(consumerMaxPark, "consumerMaxPark");
        Objects.requireNonNull(producerMaxPark, "producerMaxPark");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(errorHandler, "errorHandler");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        powerOfTwo("singleRingCapacity", singleRingCapacity);
        powerOfTwo("mpscRingCapacity", mpscRingCapacity);
        if (slotChars < 16 || maxRecordChars < slotChars) {
            throw new IllegalArgumentException("need 16 <= slotChars <= maxRecordChars");
        }
        if (maxSingleRings < 1 || batchBytes < 1024 || drainLimit < 1 || consumerSpins < 0 || consumerYields < 0) {
            throw new IllegalArgumentException("maxSingleRings >= 1, batchBytes >= 1024, drainLimit >= 1, "
                    + "spins and yields >= 0");
        }
    }

    public static LoggerConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code level}, {@code mode} (auto|single|mpsc), {@code backpressure} (block|drop-newest|non-blocking),
     * {@code ring.single-capacity}, {@code ring.mpsc-capacity}, {@code ring.slot-chars},
     * {@code ring.max-record-chars}, {@code ring.max-single-rings}, {@code scale.window}, {@code scale.cooldown},
     * {@code scale.stable-windows}, {@code scale.up.writes-per-second}, {@code scale.up.contention},
     * {@code scale.up.latency}, {@code scale.up.active-writers}, {@code scale.down.writes-per-second},
     * {@code scale.down.contention}, {@code scale.down.latency}, {@code scale.down.active-writers},
     * {@code consumer.batch-size} ("256KiB"), {@code consumer.drain-limit}, {@code consumer.spins},
     * {@code consumer.yields}, {@code consumer.max-park}, {@code producer.max-park}, {@code format} (json|pattern),
     * {@code pattern}, {@code close-timeout}, {@code clock} (system|cached, see {@link CachedMillisClock}).
     * Ratios are fractions ("0.1") or percentages ("10%"). Unknown keys
     * are an error.
     */
    public static LoggerConfig fromProperties(Map<String, String> properties) {
        Builder b = builder();
        ScalerThresholds t = ScalerThresholds.DEFAULTS;
        double upRate = t.upWritesPerSecond();
        double upContention = t.upContentionRatio();
        Duration upLatency = t.upLatency();
        int upWriters = t.upActiveWriters();
        double downRate = t.downWritesPerSecond();
        double downContention = t.downContentionRatio();
        Duration downLatency = t.downLatency();
        int downWriters = t.downActiveWriters();
        Duration window = t.window();
        Duration cooldown = t.cooldown();
        int stable = t.stableWindows();
        String format = "json";
        String pattern = PatternEncoder.DEFAULT_PATTERN;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String v = e.getValue().trim();
            switch (e.getKey()) {
                case "level" -> b.level(Level.valueOf(v.toUpperCase(Locale.ROOT)));
                case "mode" -> b.mode(v.equalsIgnoreCase("auto") ? null
                        : ProducerMode.valueOf(v.toUpperCase(Locale.ROOT)));
                case "backpressure" -> b.backpressure(
                        Backpressure.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_')));
                case "ring.single-capacity" -> b.singleRingCapacity(Integer.parseInt(v));
                case "ring.mpsc-capacity" -> b.mpscRingCapacity(Integer.parseInt(v));
                case "ring.slot-chars" -> b.slotChars(Integer.parseInt(v));
                case "ring.max-record-chars" -> b.maxRecordChars(Integer.parseInt(v));
                case "ring.max-single-rings" -> b.maxSingleRings(Integer.parseInt(v));
                case "scale.window" -> window = HumanDuration.parse(v);
                case "scale.cooldown" -> cooldown = HumanDuration.parse(v);
                case "scale.stable-windows" -> stable = Integer.parseInt(v);
                case "scale.up.writes-per-second" -> upRate = Double.parseDouble(v);
                case "scale.up.contention" -> upContention = ratio(v);
                case "scale.up.latency" -> upLatency = HumanDuration.parse(v);
                case "scale.up.active-writers" -> upWriters = Integer.parseInt(v);
                case "scale.down.writes-per-second" -> downRate = Double.parseDouble(v);
                case "scale.down.contention" -> downContention = ratio(v);
                case "scale.down.latency" -> downLatency = HumanDuration.parse(v);
                case "scale.down.active-writers" -> downWriters = Integer.parseInt(v);
                case "consumer.batch-size" -> b.batchBytes(Math.toIntExact(ByteSize.parse(v).bytes()));
                case "consumer.drain-limit" -> b.drainLimit(Integer.parseInt(v));
                case "consumer.spins" -> b.consumerIdle(Integer.parseInt(v), b.consumerYields, b.consumerMaxPark);
                case "consumer.yields" -> b.consumerIdle(b.consumerSpins, Integer.parseInt(v), b.consumerMaxPark);
                case "consumer.max-park" -> b.consumerIdle(b.consumerSpins, b.consumerYields,
                        HumanDuration.parse(v));
                case "producer.max-park" -> b.producerMaxPark(HumanDuration.parse(v));
                case "format" -> format = v.toLowerCase(Locale.ROOT);
                case "pattern" -> pattern = e.getValue();
                case "close-timeout" -> b.closeTimeout(HumanDuration.parse(v));
                case "clock" -> b.clock(switch (v.toLowerCase(Locale.ROOT)) {
                    case "system" -> Clock.systemUTC();
                    case "cached" -> CachedMillisClock.utc();
                    default -> throw new IllegalArgumentException("clock must be system or cached, got \"" + v + "\"");
                });
                default -> throw new IllegalArgumentException("unknown logger property \"" + e.getKey() + "\"");
            }
        }
        String p = pattern;
        switch (format) {
            case "json" -> b.encoder(JsonLinesEncoder::new);
            case "pattern" -> {
                // Checked here so a bad pattern fails at configuration, not later on the consumer thread.
                PatternEncoder.validate(p);
                b.encoder(() -> new PatternEncoder(p));
            }
            default -> throw new IllegalArgumentException("format must be json or pattern, got \"" + format + "\"");
        }
        return b.thresholds(new ScalerThresholds(upRate, upContention, upLatency, upWriters, downRate,
                downContention, downLatency, downWriters, window, cooldown, stable)).build();
    }

    private static double ratio(String v) {
        return v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100
                : Double.parseDouble(v);
    }

    private static void powerOfTwo(String name, int v) {
        if (v < 2 || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two >= 2, got " + v);
        }
    }

    public static final class Builder {

        private Level level = Level.INFO;
        private ProducerMode forcedMode;
        private Backpressure backpressure = Backpressure.BLOCK;
        private int singleRingCapacity = 4096;
        private int mpscRingCapacity = 8192;
        private int slotChars = 256;
        private int maxRecordChars = 16 * 1024;
        private int maxSingleRings = 2;
        private ScalerThresholds thresholds = ScalerThresholds.DEFAULTS;
        private int batchBytes = 256 * 1024;
        private int drainLimit = 1024;
        private int consumerSpins = 200;
        private int consumerYields = 50;
        private Duration consumerMaxPark = Duration.ofMillis(2);
        private Duration producerMaxPark = Duration.ofNanos(100_000);
        private Supplier<LogEncoder> encoder = JsonLinesEncoder::new;
        private Clock clock = Clock.systemUTC();
        private ErrorHandler errorHandler = ErrorHandler.STDERR;
        private Duration closeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        /** A fixed mode, or null for automatic switching. */
        public Builder mode(ProducerMode forcedMode) {
            this.forcedMode = forcedMode;
            return this;
        }

        public Builder backpressure(Backpressure backpressure) {
            this.backpressure = backpressure;
            return this;
        }

        public Builder singleRingCapacity(int capacity) {
            this.singleRingCapacity = capacity;
            return this;
        }

        public Builder mpscRingCapacity(int capacity) {
            this.mpscRingCapacity = capacity;
            return this;
        }

        public Builder slotChars(int slotChars) {
            this.slotChars = slotChars;
            return this;
        }

        public Builder maxRecordChars(int maxRecordChars) {
            this.maxRecordChars = maxRecordChars;
            return this;
        }

        public Builder maxSingleRings(int maxSingleRings) {
            this.maxSingleRings = maxSingleRings;
            return this;
        }

        public Builder thresholds(ScalerThresholds thresholds) {
            this.thresholds = thresholds;
            return this;
        }

        public Builder batchBytes(int batchBytes) {
            this.batchBytes = batchBytes;
            return this;
        }

        public Builder drainLimit(int drainLimit) {
            this.drainLimit = drainLimit;
            return this;
        }

        public Builder consumerIdle(int spins, int yields, Duration maxPark) {
            this.consumerSpins = spins;
            this.consumerYields = yields;
            this.consumerMaxPark = maxPark;
            return this;
        }

        public Builder producerMaxPark(Duration maxPark) {
            this.producerMaxPark = maxPark;
            return this;
        }

        public Builder encoder(Supplier<LogEncoder> encoder) {
            this.encoder = encoder;
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

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        public LoggerConfig build() {
            return new LoggerConfig(level, forcedMode, backpressure, singleRingCapacity, mpscRingCapacity, slotChars,
                    maxRecordChars, maxSingleRings, thresholds, batchBytes, drainLimit, consumerSpins,
                    consumerYields, consumerMaxPark, producerMaxPark, encoder, clock, errorHandler, closeTimeout);
        }
    }
}
