package dev.tideflow.log;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachedMillisClockTest {

    @Test
    void followsTheSystemClockAndNeverRunsAheadOfIt() {
        CachedMillisClock clock = CachedMillisClock.utc();
        long before = System.currentTimeMillis();
        // It advances by itself: the ticker, not the reader, moves it.
        await().atMost(5, TimeUnit.SECONDS).until(() -> clock.millis() > before);
        long previous = clock.millis();
        for (int i = 0; i < 100_000; i++) {
            long now = clock.millis();
            assertTrue(now >= previous, "went backwards");
            assertTrue(now <= System.currentTimeMillis(), "ahead of the system clock");
            previous = now;
        }
    }

    @Test
    void keepsTheZoneItIsAskedFor() {
        CachedMillisClock clock = CachedMillisClock.utc();
        assertEquals(ZoneOffset.UTC, clock.getZone());
        assertSame(clock, clock.withZone(ZoneOffset.UTC));
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals(berlin, clock.withZone(berlin).getZone());
        long millis = clock.millis();
        assertTrue(clock.withZone(berlin).millis() >= millis);
    }
}
