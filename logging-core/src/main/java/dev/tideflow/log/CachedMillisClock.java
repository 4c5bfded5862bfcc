package dev.tideflow.log;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock that reads a field instead of the system clock: one daemon thread per JVM stores
 * {@code System.currentTimeMillis()} about every millisecond, and {@link #millis()} is a plain (volatile) load. On
 * the build machine's KVM guest {@code currentTimeMillis} costs 24 ns, as much as the whole rest of a log call, so
 * this is the {@code clock=cached} option of the logger. The price: a timestamp can lag the system clock by about
 * a millisecond (one park, plus scheduling delay on a busy host), and the ticker wakes 1000 times a second for as
 * long as the JVM runs. Timestamps never go backwards unless the system clock does.
 */
public final class CachedMillisClock extends Clock {

    private static final long TICK_NANOS = 1_000_000L;

    private final ZoneId zone;

    private CachedMillisClock(ZoneId zone) {
        this.zone = zone;
    }

    /** The shared clock in UTC; the first call starts the ticker thread. */
    public static CachedMillisClock utc() {
        return Holder.UTC;
    }

    @Override
    public long millis() {
        return Ticker.INSTANCE.millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new CachedMillisClock(zone);
    }

    @Override
    public String toString() {
        return "CachedMillisClock[" + zone + "]";
    }

    private static final class Holder {
        static final CachedMillisClock UTC = new CachedMillisClock(ZoneOffset.UTC);
    }

    /** The one ticker; padded so the field every producer reads does not share a line with anything written. */
    private static final class Ticker extends TickerValue implements Runnable {

        static final Ticker INSTANCE = start();

        long q1, q2, q3, q4, q5, q6, q7;

        private static Ticker start() {
            Ticker ticker = new Ticker();
            ticker.millis = System.currentTimeMillis();
            Thread thread = new Thread(ticker, "tideflow-log-clock");
            thread.setDaemon(true);
            thread.start();
            return ticker;
        }

        @Override
        public void run() {
            while (true) {
                millis = System.currentTimeMillis();
                LockSupport.parkNanos(TICK_NANOS);
            }
        }
    }

    private abstract static class TickerPadding {
        long p1, p2, p3, p4, p5, p6, p7;
    }

    private abstract static class TickerValue extends TickerPadding {
        volatile long millis;
    }
}
