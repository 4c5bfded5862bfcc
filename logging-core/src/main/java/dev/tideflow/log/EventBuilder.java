package dev.tideflow.log;

import dev.tideflow.log.record.RecordSlot;

/**
 * Builds one structured record without allocating: every call copies into the calling thread's pre-allocated
 * staging slot, and {@link #log} copies that into a ring slot in one array copy. Obtained from
 * {@link ScalingLogger#at}; belongs to the calling thread and must be finished with {@code log} on it.
 *
 * <pre>{@code
 * logger.at(Level.INFO).str("target", target).num("replicas", 3).log("scaled");
 * }</pre>
 */
public final class EventBuilder {

    /** Returned for a disabled level: every call is a no-op. */
    static final EventBuilder DISABLED = new EventBuilder(null, null, null);

    private final ScalingLogger logger;
    private final ProducerState producer;
    private final RecordSlot staging;

    EventBuilder(ScalingLogger logger, ProducerState producer, RecordSlot staging) {
        this.logger = logger;
        this.producer = producer;
        this.staging = staging;
    }

    EventBuilder begin(long epochMillis, Level level, String loggerName) {
        staging.begin(epochMillis, level.ordinal(), loggerName, producer.thread);
        return this;
    }

    public EventBuilder logger(String name) {
        if (staging != null) {
            staging.loggerName(name);
        }
        return this;
    }

    public EventBuilder str(String key, CharSequence value) {
        if (staging != null) {
            staging.addString(key, value);
        }
        return this;
    }

    public EventBuilder num(String key, long value) {
        if (staging != null) {
            staging.addLong(key, value);
        }
        return this;
    }

    public EventBuilder num(String key, double value) {
        if (staging != null) {
            staging.addDouble(key, value);
        }
        return this;
    }

    public EventBuilder bool(String key, boolean value) {
        if (staging != null) {
            staging.addBoolean(key, value);
        }
        return this;
    }

    public EventBuilder thrown(Throwable t) {
        if (staging != null) {
            staging.thrown(t);
        }
        return this;
    }

    /** Adds the message and enqueues the record. */
    public void log(CharSequence message) {
        if (staging == null) {
            return;
        }
        producer.closeBuilder(this);
        staging.message(message);
        logger.enqueueStaged(producer, staging);
    }

    public boolean isEnabled() {
        return staging != null;
    }
}
