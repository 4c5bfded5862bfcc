package dev.tideflow.collector.config;

import dev.tideflow.contracts.Channels;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/**
 * Refuses to start when the throttled commit would call the consumer unhealthy during normal operation:
 * a sample's record stays unacknowledged until its window is published, so the connector's
 * {@code throttled.unprocessed-record-max-age.ms} must exceed the longest such hold.
 */
@ApplicationScoped
public class HoldBudgetCheck {

    static final String MAX_AGE_KEY = "mp.messaging.incoming." + Channels.METRICS_IN
            + ".throttled.unprocessed-record-max-age.ms";
    /** SmallRye's default when the property is not set. */
    private static final long DEFAULT_MAX_AGE_MS = 60_000;

    private final CollectorConfig config;

    HoldBudgetCheck(CollectorConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        long maxAge = ConfigProvider.getConfig().getOptionalValue(MAX_AGE_KEY, Long.class).orElse(DEFAULT_MAX_AGE_MS);
        verify(config.longestHold(), maxAge);
    }

    static void verify(Duration longestHold, long maxAgeMillis) {
        // Zero or less switches the check off in SmallRye; then nothing can trip.
        if (maxAgeMillis > 0 && maxAgeMillis <= longestHold.toMillis()) {
            throw new IllegalStateException(MAX_AGE_KEY + "=" + maxAgeMillis + " must exceed the longest time a"
                    + " sample waits for its window to be published (" + longestHold.toMillis() + " ms: clock skew"
                    + " + window + grace + tick + publish tries); raise it or shorten tideflow.collector.*");
        }
    }
}
