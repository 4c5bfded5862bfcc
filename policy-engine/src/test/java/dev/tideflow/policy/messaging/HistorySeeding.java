package dev.tideflow.policy.messaging;

import dev.tideflow.contracts.Contract;
import dev.tideflow.contracts.MetricWindow;
import dev.tideflow.policy.service.ForecastService;
import io.quarkus.vertx.VertxContextSupport;

import java.time.Duration;
import java.time.Instant;

/** Fills a target's metric history through the engine's own write path, one window per 15-minute bucket. */
public final class HistorySeeding {

    public static final Duration BUCKET = Duration.ofMinutes(15);

    private HistorySeeding() {
    }

    /** The start of the 15-minute bucket holding {@code time}. */
    public static Instant bucketOf(Instant time) {
        long millis = BUCKET.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), millis) * millis);
    }

    /** A daily pattern around 500, from 100 to 900, highest at {@code peak} and at the same time every day. */
    public static double dailyLoad(Instant time, Instant peak) {
        double days = Duration.between(peak, time).toSeconds() / 86_400.0;
        return 500 + 400 * Math.cos(2 * Math.PI * days);
    }

    /** Records {@code days} days of {@link #dailyLoad} for the buckets before {@code until}'s bucket. */
    public static void seed(ForecastService forecasts, String target, String metric, Instant until, int days,
            Instant peak) throws Throwable {
        Instant end = bucketOf(until);
        int buckets = (int) (Duration.ofDays(days).toMillis() / BUCKET.toMillis());
        for (int i = buckets; i >= 1; i--) {
            Instant start = end.minus(BUCKET.multipliedBy(i));
            double load = dailyLoad(start, peak);
            MetricWindow window = new MetricWindow(Contract.VERSION, target, metric, start, start.plusSeconds(10), 1L,
                    load, load, load, load);
            VertxContextSupport.subscribeAndAwait(() -> forecasts.record(window));
        }
    }
}
