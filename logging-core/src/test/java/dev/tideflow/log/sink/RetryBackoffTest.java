package dev.tideflow.log.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryBackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        RetryBackoff backoff = RetryBackoff.DEFAULTS;
        assertEquals(Duration.ofMillis(10).toNanos(), backoff.delayNanos(1));
        assertEquals(Duration.ofMillis(20).toNanos(), backoff.delayNanos(2));
        assertEquals(Duration.ofMillis(40).toNanos(), backoff.delayNanos(3));
        assertEquals(Duration.ofMillis(640).toNanos(), backoff.delayNanos(7));
        assertEquals(Duration.ofSeconds(1).toNanos(), backoff.delayNanos(8));
        assertEquals(Duration.ofSeconds(1).toNanos(), backoff.delayNanos(1000), "no overflow for huge attempts");
    }

    @Test
    void rejectsACapBelowTheStartAndZeroAttempts() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryBackoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryBackoff(0, Duration.ofMillis(1), Duration.ofSeconds(1)));
    }
}
